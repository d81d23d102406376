package drachtio.api;

import java.util.Locale;
import java.util.Objects;

/**
 * An address to listen on for SIP: transport, host and port. Port 0 asks for an ephemeral
 * port; the stack reports the one it bound.
 *
 * @param transport {@code UDP} or {@code TCP}
 * @param host an IP literal or host name to bind ({@code 0.0.0.0} or {@code ::} for all)
 * @param port the port, 0 for ephemeral
 */
public record Listen(String transport, String host, int port) {

    /** Checks and normalises the parts (transport upper case). */
    public Listen {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        transport = transport.toUpperCase(Locale.ROOT);
        if (!transport.equals("UDP") && !transport.equals("TCP")) {
            throw new IllegalArgumentException("transport must be UDP or TCP: " + transport);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * @param host the address to bind
     * @param port the port, 0 for ephemeral
     * @return a UDP listen address
     */
    public static Listen udp(String host, int port) {
        return new Listen("UDP", host, port);
    }

    /**
     * @param host the address to bind
     * @param port the port, 0 for ephemeral
     * @return a TCP listen address
     */
    public static Listen tcp(String host, int port) {
        return new Listen("TCP", host, port);
    }

    /** @return {@code udp:host:port}, IPv6 hosts in brackets */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return transport.toLowerCase(Locale.ROOT) + ":" + h + ":" + port;
    }
}
