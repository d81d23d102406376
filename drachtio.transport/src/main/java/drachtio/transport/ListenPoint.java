package drachtio.transport;

import java.util.Locale;
import java.util.Objects;

/**
 * One address the embedded stack listens on.
 *
 * @param protocol UDP or TCP
 * @param host an IP literal or a name to bind to; {@code 0.0.0.0} or {@code ::} binds every
 *     interface (the Via then names the interface that routes to each peer)
 * @param port the port, 0 for an ephemeral one (the bound port is reported once started)
 * @param advertisedHost the host to put in Via sent-by instead of the bound address (e.g. a
 *     public address in front of a NAT), or {@code null} to use the bound address
 */
public record ListenPoint(Protocol protocol, String host, int port, String advertisedHost) {

    /** The transports the embedded stack offers. */
    public enum Protocol {
        /** RFC 768 datagrams; unreliable, RFC 3261 retransmits. */
        UDP,
        /** RFC 793 streams; reliable. */
        TCP;

        /** @return the name as written in a Via: {@code UDP}, {@code TCP} */
        public String viaName() {
            return name();
        }

        /**
         * @param name a transport name, any case
         * @return the protocol
         * @throws IllegalArgumentException when it is not UDP or TCP
         */
        public static Protocol of(String name) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "UDP" -> UDP;
                case "TCP" -> TCP;
                default -> throw new IllegalArgumentException("unsupported transport: " + name);
            };
        }
    }

    /** Checks the parts. */
    public ListenPoint {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (advertisedHost != null && advertisedHost.isBlank()) {
            throw new IllegalArgumentException("advertisedHost must not be blank");
        }
    }

    /**
     * @param host the address to bind
     * @param port the port, 0 for ephemeral
     * @return a UDP listen point
     */
    public static ListenPoint udp(String host, int port) {
        return new ListenPoint(Protocol.UDP, host, port, null);
    }

    /**
     * @param host the address to bind
     * @param port the port, 0 for ephemeral
     * @return a TCP listen point
     */
    public static ListenPoint tcp(String host, int port) {
        return new ListenPoint(Protocol.TCP, host, port, null);
    }

    /**
     * @param host the sent-by host to advertise in Via
     * @return a copy advertising that host
     */
    public ListenPoint withAdvertisedHost(String host) {
        return new ListenPoint(protocol, this.host, port, host);
    }

    /**
     * @param boundPort the port actually bound
     * @return a copy with that port (to report an ephemeral port once resolved)
     */
    public ListenPoint withPort(int boundPort) {
        return new ListenPoint(protocol, host, boundPort, advertisedHost);
    }
}
