package drachtio.transport.internal;

import drachtio.api.header.Via;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Where a response goes (RFC 3261 18.2.2 with RFC 3581), computed from the top Via of the
 * request (as passed up: {@code received} and {@code rport} already stamped) and the hop the
 * request arrived on. Pure functions: the transaction layer calls {@link #route} once per server
 * transaction and hands the result to {@link NetworkTransport#send}.
 */
public final class ResponseRouting {
    /** The default SIP port for UDP and TCP (RFC 3261 19.1.2). */
    public static final int SIP_PORT = 5060;
    /** The default SIP port for TLS. */
    public static final int SIPS_PORT = 5061;

    private ResponseRouting() {
    }

    /**
     * The hop for responses to a request.
     * <ul>
     * <li>Reliable transport: the connection the request came on ({@code arrivedOn} itself); when
     * that connection has closed by the time a response is sent, {@link NetworkTransport#send}
     * opens a new one to {@link #reliableFallback}.</li>
     * <li>{@code maddr} present as an IP address: that address, at the sent-by port or the
     * default port. A {@code maddr} that is a name is not looked up: this runs on the thread
     * that reads the socket, and one request naming a slow or unknown domain would hold every
     * other request up for the resolver's timeout; such a response is routed as if there were
     * no {@code maddr}.</li>
     * <li>Otherwise: the {@code received} address (else the packet's source address) at the
     * {@code rport} value when present (RFC 3581 4), else the sent-by port, else 5060.</li>
     * </ul>
     *
     * @param topVia the request's top Via
     * @param arrivedOn where the request came from
     * @return where to send responses
     */
    public static Hop route(Via topVia, Hop arrivedOn) {
        if (arrivedOn.reliable()) {
            return arrivedOn;
        }
        int sentByPort = topVia.port() >= 0 ? topVia.port() : defaultPort(topVia.transport());
        InetAddress maddr = topVia.maddr().map(Addresses::literal).orElse(null);
        if (maddr != null) {
            return new Hop(arrivedOn.transport(), new InetSocketAddress(maddr, sentByPort), arrivedOn.local());
        }
        InetAddress ip = topVia.received().map(Addresses::literal).orElse(null);
        if (ip == null) {
            ip = arrivedOn.remote().getAddress();
        }
        int port = topVia.rport().orElse(sentByPort);
        InetSocketAddress source = arrivedOn.remote();
        if (port == source.getPort() && ip.equals(source.getAddress())) {
            // the usual case (rport, or a sent-by that is the source): no second Hop to keep for 32 s
            return arrivedOn;
        }
        return new Hop(arrivedOn.transport(), new InetSocketAddress(ip, port), arrivedOn.local());
    }

    /**
     * Where to open a new connection for a response when the request's connection is gone
     * (RFC 3261 18.2.2): the {@code received} address, else the sent-by host (resolved), at the
     * sent-by port or the default port.
     *
     * @param topVia the response's top Via
     * @return the address
     * @throws drachtio.transport.internal.TransportException when the sent-by host does not resolve
     */
    public static InetSocketAddress reliableFallback(Via topVia) {
        InetAddress ip = topVia.received().map(Addresses::literal).orElse(null);
        if (ip == null) {
            ip = Addresses.resolve(topVia.host());
        }
        int port = topVia.port() >= 0 ? topVia.port() : defaultPort(topVia.transport());
        return new InetSocketAddress(ip, port);
    }

    /**
     * @param transport a transport name
     * @return 5061 for TLS, else 5060
     */
    public static int defaultPort(String transport) {
        return transport.toUpperCase(Locale.ROOT).equals("TLS") ? SIPS_PORT : SIP_PORT;
    }
}
