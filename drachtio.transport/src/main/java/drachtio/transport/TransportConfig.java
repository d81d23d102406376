package drachtio.transport;

import drachtio.parser.ParserLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network side of one embedded SIP stack: where it listens and the bounds that protect it.
 * Make one with {@link #builder()}; see {@code docs/TRANSPORT.md} for how the bounds work.
 *
 * @param listenPoints where to listen; at least one, UDP and TCP, IPv4 and IPv6 mixed freely
 * @param parserLimits message size, header count and line length limits; {@code maxMessageSize}
 *     also caps the octets one TCP connection may buffer for an incomplete message
 * @param maxTcpConnections the most TCP connections open at once, inbound and outbound
 *     together; connections accepted beyond it are closed at once (default 1024)
 * @param tcpIdleTimeout a TCP connection without traffic either way for this long is closed
 *     (default 180 s: above the 95 to 120 s RFC 5626 keep-alive period, so kept-alive flows
 *     stay open)
 * @param tcpMessageDeadline an incomplete message must be completed within this long of its
 *     first octet, and an accepted connection must deliver its first message within this
 *     long, else the connection is closed (default 32 s, i.e. 64*T1)
 * @param tcpConnectTimeout how long opening an outbound connection may take (default 5 s)
 * @param tcpWriteTimeout a write blocked this long (peer not reading) closes the connection
 *     (default 10 s)
 * @param udpMtuThreshold requests larger than this many octets go over TCP instead of UDP when
 *     a TCP listener exists (RFC 3261 18.1.1; default 1300); 0 disables the switch
 * @param socketReceiveBuffer SO_RCVBUF for every socket in octets; 0 (the default) leaves TCP
 *     sockets at the OS default and asks {@value #UDP_RECEIVE_BUFFER} octets for UDP sockets,
 *     whose kernel buffer is the inbound queue (Linux caps the request at
 *     {@code net.core.rmem_max}; the OS default of about 208 KiB overflows on a stall of a few
 *     tens of milliseconds at 10,000 datagrams a second, and every datagram lost there costs a
 *     retransmission or, for an ACK, a call)
 * @param socketSendBuffer SO_SNDBUF for every socket in octets, 0 for the OS default
 * @param checkResponseSentBy whether responses whose top Via sent-by is not one this stack put in
 *     a request are dropped (RFC 3261 18.1.2; default true)
 * @param udpWorkers threads per UDP socket that parse and process what its reader receives,
 *     each with a queue of its own; messages are spread by Call-ID so one call's stay in order.
 *     0 (the default) parses and processes on the reader thread itself, with the kernel buffer
 *     as the only queue: on a 2-core machine shared with the load generator that carried more
 *     calls than 1 or 2 workers did (docs/PERFORMANCE.md)
 * @param udpQueueCapacity datagrams each worker's queue holds (default 4096); a request that
 *     starts something new is answered 503 once its queue is half full, anything else is
 *     dropped and counted once it is full
 */
public record TransportConfig(List<ListenPoint> listenPoints, ParserLimits parserLimits, int maxTcpConnections,
                              Duration tcpIdleTimeout, Duration tcpMessageDeadline, Duration tcpConnectTimeout,
                              Duration tcpWriteTimeout, int udpMtuThreshold, int socketReceiveBuffer,
                              int socketSendBuffer, boolean checkResponseSentBy, int udpWorkers,
                              int udpQueueCapacity) {

    /** SO_RCVBUF asked for UDP sockets when {@link #socketReceiveBuffer()} is 0: 4 MiB. */
    public static final int UDP_RECEIVE_BUFFER = 4 << 20;

    /** The RFC 3261 18.1.1 size above which a request leaves UDP when the path MTU is unknown. */
    public static final int RFC3261_MTU_THRESHOLD = 1300;

    /** Checks the values and copies the list. */
    public TransportConfig {
        listenPoints = List.copyOf(listenPoints);
        Objects.requireNonNull(parserLimits, "parserLimits");
        if (listenPoints.isEmpty()) {
            throw new IllegalArgumentException("at least one listen point is needed");
        }
        if (maxTcpConnections < 1) {
            throw new IllegalArgumentException("maxTcpConnections must be positive: " + maxTcpConnections);
        }
        positive(tcpIdleTimeout, "tcpIdleTimeout");
        positive(tcpMessageDeadline, "tcpMessageDeadline");
        positive(tcpConnectTimeout, "tcpConnectTimeout");
        positive(tcpWriteTimeout, "tcpWriteTimeout");
        if (udpWorkers < 0 || udpQueueCapacity < 2) {
            throw new IllegalArgumentException("udpWorkers must not be negative and udpQueueCapacity at least 2");
        }
        if (udpMtuThreshold < 0 || socketReceiveBuffer < 0 || socketSendBuffer < 0) {
            throw new IllegalArgumentException("udpMtuThreshold and socket buffer sizes must not be negative");
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** @return a builder with the defaults and no listen points */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether requests above {@link #udpMtuThreshold()} switch from UDP to TCP */
    public boolean mtuSwitch() {
        return udpMtuThreshold > 0;
    }

    /** Builds a {@link TransportConfig}. */
    public static final class Builder {
        private final List<ListenPoint> listenPoints = new ArrayList<>();
        private ParserLimits parserLimits = ParserLimits.defaults();
        private int maxTcpConnections = 1024;
        private Duration tcpIdleTimeout = Duration.ofSeconds(180);
        private Duration tcpMessageDeadline = Duration.ofSeconds(32);
        private Duration tcpConnectTimeout = Duration.ofSeconds(5);
        private Duration tcpWriteTimeout = Duration.ofSeconds(10);
        private int udpMtuThreshold = RFC3261_MTU_THRESHOLD;
        private int socketReceiveBuffer;
        private int socketSendBuffer;
        private boolean checkResponseSentBy = true;
        private int udpWorkers;
        private int udpQueueCapacity = 4096;

        private Builder() {
        }

        /**
         * @param point a listen point to add
         * @return this builder
         */
        public Builder listen(ListenPoint point) {
            listenPoints.add(Objects.requireNonNull(point, "point"));
            return this;
        }

        /**
         * @param limits the parser limits
         * @return this builder
         */
        public Builder parserLimits(ParserLimits limits) {
            this.parserLimits = limits;
            return this;
        }

        /**
         * @param count the most TCP connections at once
         * @return this builder
         */
        public Builder maxTcpConnections(int count) {
            this.maxTcpConnections = count;
            return this;
        }

        /**
         * @param timeout how long a TCP connection may stay without traffic
         * @return this builder
         */
        public Builder tcpIdleTimeout(Duration timeout) {
            this.tcpIdleTimeout = timeout;
            return this;
        }

        /**
         * @param deadline how long a TCP message may take from its first octet to its last
         * @return this builder
         */
        public Builder tcpMessageDeadline(Duration deadline) {
            this.tcpMessageDeadline = deadline;
            return this;
        }

        /**
         * @param timeout how long opening a TCP connection may take
         * @return this builder
         */
        public Builder tcpConnectTimeout(Duration timeout) {
            this.tcpConnectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long one TCP write may block
         * @return this builder
         */
        public Builder tcpWriteTimeout(Duration timeout) {
            this.tcpWriteTimeout = timeout;
            return this;
        }

        /**
         * @param octets the request size above which UDP gives way to TCP; 0 disables it
         * @return this builder
         */
        public Builder udpMtuThreshold(int octets) {
            this.udpMtuThreshold = octets;
            return this;
        }

        /**
         * @param octets SO_RCVBUF; 0 for the OS default on TCP and {@link #UDP_RECEIVE_BUFFER} on UDP
         * @return this builder
         */
        public Builder socketReceiveBuffer(int octets) {
            this.socketReceiveBuffer = octets;
            return this;
        }

        /**
         * @param octets SO_SNDBUF, 0 for the OS default
         * @return this builder
         */
        public Builder socketSendBuffer(int octets) {
            this.socketSendBuffer = octets;
            return this;
        }

        /**
         * @param check whether to drop responses whose top Via is not ours (RFC 3261 18.1.2)
         * @return this builder
         */
        public Builder checkResponseSentBy(boolean check) {
            this.checkResponseSentBy = check;
            return this;
        }

        /**
         * @param count worker threads per UDP socket
         * @return this builder
         */
        public Builder udpWorkers(int count) {
            this.udpWorkers = count;
            return this;
        }

        /**
         * @param datagrams each UDP worker's queue size
         * @return this builder
         */
        public Builder udpQueueCapacity(int datagrams) {
            this.udpQueueCapacity = datagrams;
            return this;
        }

        /** @return the configuration, checked */
        public TransportConfig build() {
            return new TransportConfig(listenPoints, parserLimits, maxTcpConnections, tcpIdleTimeout,
                    tcpMessageDeadline, tcpConnectTimeout, tcpWriteTimeout, udpMtuThreshold, socketReceiveBuffer,
                    socketSendBuffer, checkResponseSentBy, udpWorkers, udpQueueCapacity);
        }
    }
}
