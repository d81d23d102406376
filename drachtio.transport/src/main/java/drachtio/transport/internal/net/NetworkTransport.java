package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.ParserLimits;
import drachtio.parser.SipParser;
import drachtio.transport.ListenPoint;
import drachtio.transport.ListenPoint.Protocol;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.InboundHandler;
import drachtio.transport.internal.NewRequestGate;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.TransportSender;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack's UDP and TCP transports (RFC 3261 18): binds every configured listen
 * point, reads on one platform thread per UDP socket and one virtual thread per TCP
 * connection, passes parsed and validated messages to the {@link InboundHandler}, and sends
 * what the transaction layer gives it.
 *
 * <p><b>Sending.</b> UDP goes out of the listener socket whose address is the hop's local
 * address, else the first UDP listener of the peer's address family. TCP reuses any open
 * connection to the peer's address (one the peer opened counts) or opens one within
 * {@link TransportConfig#tcpConnectTimeout()}, so {@link #send} may block that long: call it
 * from a virtual thread. A response over TCP whose connection has closed goes to
 * {@link ResponseRouting#reliableFallback} (RFC 3261 18.2.2). Requests larger than
 * {@link TransportConfig#udpMtuThreshold()} must leave UDP (18.1.1): ask {@link #chooseHop}
 * before building the Via, since the Via must name the transport used.
 *
 * <p><b>Bounds</b> (see {@code docs/TRANSPORT.md}): message size and header limits come from
 * {@link TransportConfig#parserLimits()} and also cap what one TCP connection buffers; at most
 * {@link TransportConfig#maxTcpConnections()} connections (more are closed on accept and
 * counted); idle connections close after {@link TransportConfig#tcpIdleTimeout()}; a
 * message must complete within {@link TransportConfig#tcpMessageDeadline()} of its first
 * octet (and an accepted connection must deliver one within it); a write blocked longer than
 * {@link TransportConfig#tcpWriteTimeout()} closes its connection. A reaper thread checks
 * these a few times per shortest timeout. For UDP, the kernel receive buffer
 * ({@link TransportConfig#socketReceiveBuffer()}) is the inbound queue and the handler runs
 * on the reader thread; with {@link TransportConfig#udpWorkers()} set, one bounded queue per
 * worker ({@link UdpWorkers}, {@link TransportConfig#udpQueueCapacity()} datagrams each) follows
 * it, the reader only peeks and queues, and the handler runs on the workers. Either way the
 * handler must not block.
 *
 * <p><b>Via sent-by</b>: the listen point's advertised host, else its bound address; for a
 * listener bound to a wildcard address ({@code 0.0.0.0}, {@code ::}), the local address the
 * system routes to the peer from. Responses whose top Via is not a sent-by this transport
 * produced are dropped (18.1.2) unless {@link TransportConfig#checkResponseSentBy()} is off.
 */
public final class NetworkTransport implements TransportSender, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkTransport.class);
    /** Room for {@code ;received=<IPv6>;rport=65535} when a request is re-parsed after stamping. */
    private static final int STAMP_ROOM = 96;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    /** The Retry-After of a 503 for a request turned away before the transaction layer. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final TransportConfig config;
    private final NetThreads threads = new NetThreads();
    private final NetCounters counters = new NetCounters();
    private final Listeners listeners = new Listeners();
    private final TcpConnections connections;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<UdpWorkers> workers = new CopyOnWriteArrayList<>();
    private Thread reaper;

    private NetworkTransport(TransportConfig config) {
        this.config = config;
        this.connections = new TcpConnections(config, counters, threads, SipParser.create(config.parserLimits()));
    }

    /**
     * Binds every listen point and starts the reader threads.
     *
     * @param config the listen points and bounds
     * @param handler receives every valid inbound message, on a reader thread
     * @return the running transport
     * @throws TransportException when a listen point cannot be bound (nothing stays open)
     */
    public static NetworkTransport start(TransportConfig config, InboundHandler handler) {
        return start(config, handler, NewRequestGate.OPEN);
    }

    /**
     * @param config listeners and limits
     * @param handler receives every parsed message
     * @param gate turns new requests away before they are parsed (UDP) or processed (TCP)
     * @return the running transport
     * @throws TransportException when a listener cannot bind
     */
    public static NetworkTransport start(TransportConfig config, InboundHandler handler, NewRequestGate gate) {
        NetworkTransport t = new NetworkTransport(config);
        try {
            t.listeners.bind(config);
        } catch (IOException | RuntimeException e) {
            t.stop();
            throw new TransportException("cannot bind " + config.listenPoints(), e);
        }
        t.run(handler, gate);
        return t;
    }

    private void run(InboundHandler handler, NewRequestGate gate) {
        ParserLimits limits = config.parserLimits();
        ParserLimits roomy = new ParserLimits(limits.maxMessageSize() + STAMP_ROOM, limits.maxHeaders(),
                limits.maxLineLength() + STAMP_ROOM);
        Inbound in = new Inbound(SipParser.create(limits), SipParser.create(roomy), handler, counters, this::ours,
                this::send, this::send, config.tcpWriteTimeout(), gate, RETRY_AFTER_SECONDS);
        connections.inbound(in);
        for (UdpListener u : listeners.udp()) {
            String name = "udp-" + Addresses.text(u.bound());
            if (config.udpWorkers() == 0) {
                threads.platform(name, () -> u.readLoop(in::datagram));
                continue;
            }
            UdpWorkers w = new UdpWorkers(in, config.udpWorkers(), config.udpQueueCapacity(), threads, name);
            workers.add(w);
            threads.platform(name, () -> u.readLoop(w::offer));
        }
        for (TcpListener t : listeners.tcp()) {
            threads.virtual("tcp-accept-" + Addresses.text(t.bound()), () -> t.acceptLoop(connections));
        }
        if (!listeners.tcp().isEmpty()) {
            reaper = threads.platform("tcp-reaper", this::reapLoop);
        }
    }

    private void reapLoop() {
        Duration shortest = config.tcpIdleTimeout();
        for (Duration d : List.of(config.tcpMessageDeadline(), config.tcpWriteTimeout())) {
            shortest = d.compareTo(shortest) < 0 ? d : shortest;
        }
        long tick = Math.clamp(shortest.toMillis() / 4, 10L, 1000L);
        while (!stopped.get()) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            try {
                connections.reap();
            } catch (RuntimeException e) {
                log.warn("tcp reaper failed", e);
            }
        }
    }

    /** @return the bound listen points, ephemeral ports resolved, in configuration order */
    public List<ListenPoint> listenPoints() {
        List<ListenPoint> out = new ArrayList<>();
        for (ListenPoint p : config.listenPoints()) {
            for (Listener l : listeners.of(p.protocol())) {
                if (l.point() == p) {
                    out.add(p.withPort(l.bound().getPort()));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param protocol a transport
     * @return the bound address of the first listener of that transport
     * @throws TransportException when there is none
     */
    public InetSocketAddress localAddress(Protocol protocol) {
        List<? extends Listener> ls = listeners.of(protocol);
        if (ls.isEmpty()) {
            throw new TransportException("no " + protocol + " listener", null);
        }
        return ls.getFirst().bound();
    }

    /** @return the counters */
    public NetCounters counters() {
        return counters;
    }

    /** @return the configuration */
    public TransportConfig config() {
        return config;
    }

    /**
     * Sends a message over the hop's transport. See the class description for which socket or
     * connection is used. May block while a TCP connection is opened or a write waits.
     *
     * @throws TransportException when the transport is unsupported or stopped, no listener
     *     fits, the connection cannot be opened, or the socket refuses the message
     */
    @Override
    public void send(SipMessage message, Hop hop) {
        send(message.toBytes(), message, hop);
    }

    /** {@inheritDoc} Over TCP without an open connection, one is opened to {@code hop.remote()}. */
    @Override
    public void send(byte[] octets, Hop hop) {
        send(octets, null, hop);
    }

    /** @param message what the octets encode, or {@code null}: picks the TCP fallback address */
    private void send(byte[] bytes, SipMessage message, Hop hop) {
        if (stopped.get()) {
            throw new TransportException("transport is stopped", null);
        }
        if (hop.remote().isUnresolved()) {
            throw new TransportException("unresolved address " + hop.remote() + " (use SipTargets.resolve)", null);
        }
        switch (protocol(hop)) {
            // a request's first send must learn of a refusal (the client transaction reports it);
            // responses and retransmissions may leave it to another thread sending at the time
            case UDP -> sendUdp(bytes, hop, message instanceof SipRequest);
            case TCP -> sendTcp(message, bytes, hop);
        }
        counters.sent();
    }

    private void sendUdp(byte[] bytes, Hop hop, boolean own) {
        UdpListener l = (UdpListener) listeners.forHop(Protocol.UDP, hop);
        try {
            l.send(bytes, hop.remote(), own);
        } catch (IOException e) {
            throw new TransportException("cannot send " + bytes.length + " octets over UDP to "
                    + Addresses.text(hop.remote()), e);
        }
    }

    private void sendTcp(SipMessage message, byte[] bytes, Hop hop) {
        boolean response = message instanceof SipResponse;
        TcpConnection c = response ? connections.find(hop.local(), hop.remote()) : connections.find(hop.remote());
        if (c == null) {
            InetSocketAddress to = message instanceof SipResponse r ? fallback(r) : hop.remote();
            c = connections.obtain(to, listeners.tcpBindAddress(to));
            c.write(bytes, config.tcpWriteTimeout());
            return;
        }
        try {
            c.write(bytes, config.tcpWriteTimeout());
        } catch (TransportException e) {
            if (response || c.isOpen()) {
                throw e;
            }
            // a reused connection the peer had just closed: one fresh attempt for requests
            log.debug("{}: write failed, reconnecting: {}", c, e.getMessage());
            connections.obtain(hop.remote(), listeners.tcpBindAddress(hop.remote())).write(bytes, config.tcpWriteTimeout());
        }
    }

    private static InetSocketAddress fallback(SipResponse r) {
        try {
            return ResponseRouting.reliableFallback(r.topVia());
        } catch (TransportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransportException("no connection for " + r.statusLine() + " and its Via names no address", e);
        }
    }

    /**
     * {@inheritDoc} The host is the listen point's advertised host, its bound address, or for a
     * wildcard bind the local address routing to {@code hop.remote()}; IPv6 in brackets.
     *
     * @throws TransportException when no listener has the hop's transport
     */
    @Override
    public Via via(Hop hop, String branch) {
        return listeners.via(protocol(hop), hop, branch);
    }

    /**
     * The hop a request should really take (RFC 3261 18.1.1): a UDP hop becomes a TCP hop to the
     * same address and port when the request is larger than the MTU threshold, the switch is
     * enabled and a TCP listener of the peer's family exists. Call it with the size of the
     * request built for the planned hop, then build the Via with {@link #via} for the hop
     * returned; {@link #connectOrStayOnUdp} goes back to UDP when the peer refuses TCP.
     *
     * @param planned the hop chosen from the target
     * @param requestSize the request's size in octets
     * @return {@code planned}, or the TCP hop to use instead
     */
    public Hop chooseHop(Hop planned, int requestSize) {
        if (!config.mtuSwitch() || requestSize <= config.udpMtuThreshold() || protocol(planned) != Protocol.UDP) {
            return planned;
        }
        boolean v6 = planned.remote().getAddress() instanceof Inet6Address;
        for (TcpListener t : listeners.tcp()) {
            if ((t.bound().getAddress() instanceof Inet6Address) == v6 || t.bound().getAddress().isAnyLocalAddress()) {
                return new Hop("TCP", planned.remote(), t.bound());
            }
        }
        return planned;
    }

    /**
     * Opens the connection for a request that {@link #chooseHop} moved from UDP to TCP because of
     * its size, before the request is built for it. When the peer refuses or resets the
     * connection (a UDP-only phone or trunk), the request goes over UDP after all, as RFC 3261
     * 18.1.1 says it should. Other failures (a connect that times out, the connection limit)
     * keep the TCP hop: sending on it fails again and the request's transaction reports the
     * transport error as it would have without this step.
     *
     * @param chosen what {@link #chooseHop} returned
     * @param planned the hop it was given
     * @return {@code planned} when the peer will not take TCP, else {@code chosen}
     */
    public Hop connectOrStayOnUdp(Hop chosen, Hop planned) {
        if (chosen == planned || !chosen.reliable()) {
            return chosen;
        }
        try {
            connections.obtain(chosen.remote(), listeners.tcpBindAddress(chosen.remote()));
            return chosen;
        } catch (TransportException e) {
            SocketException refused = socketCause(e);
            if (refused == null) {
                return chosen;
            }
            counters.stayedOnUdp();
            log.debug("{} refused TCP for a large request ({}); sending it over UDP", Addresses.text(chosen.remote()),
                    refused.toString());
            return planned;
        }
    }

    /** @return the refusal or reset in a failed connect's causes (another thread's connect included), or null */
    private static SocketException socketCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SocketException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * Where responses to a request go (RFC 3261 18.2.2, RFC 3581); see
     * {@link ResponseRouting#route}.
     *
     * @param topVia the request's top Via as passed up
     * @param arrivedOn the hop it arrived on
     * @return the hop for its responses
     */
    public Hop responseHop(Via topVia, Hop arrivedOn) {
        return ResponseRouting.route(topVia, arrivedOn);
    }

    /**
     * @param remote a peer
     * @return whether a TCP connection to it is open
     */
    public boolean connectedTo(InetSocketAddress remote) {
        return connections.find(remote) != null;
    }

    /**
     * Whether a UDP socket's reader is behind ({@link UdpListener#behind}): by the kernel's own
     * figures where they can be read (Linux), a receive queue near full or filling up; elsewhere
     * a reader busy {@code busyShare} of the last tenth of a second. Meant to be called a few
     * times a second by one caller at a time (it reads {@code /proc} and remembers the last look).
     *
     * @param busyShare the reader load that counts as behind where the kernel does not tell
     * @return whether any UDP reader is behind
     */
    public boolean udpBehind(double busyShare) {
        boolean behind = false;
        for (UdpListener u : listeners.udp()) {
            behind |= u.behind(busyShare); // every listener looks, so each remembers its last queue
        }
        return behind;
    }

    /** @return the names of this transport's threads that are still running (empty after stop) */
    public List<String> liveThreads() {
        return threads.liveNames();
    }

    /** @return the prefix of this transport's thread names */
    public String threadPrefix() {
        return threads.prefix();
    }

    List<TcpConnection> tcpConnections() {
        return connections.snapshot();
    }

    private boolean ours(Via via) {
        return !config.checkResponseSentBy() || listeners.ours(via);
    }

    private Protocol protocol(Hop hop) {
        try {
            return Protocol.of(hop.transport());
        } catch (IllegalArgumentException e) {
            throw new TransportException("unsupported transport " + hop.transport(), e);
        }
    }

    /** Closes every socket and connection and waits for the threads to end. Harmless when repeated. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        listeners.close();
        workers.forEach(UdpWorkers::close);
        connections.closeAll();
        if (reaper != null) {
            reaper.interrupt();
        }
        threads.joinAll(JOIN_TIMEOUT);
        log.info("stopped; {}", counters);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
