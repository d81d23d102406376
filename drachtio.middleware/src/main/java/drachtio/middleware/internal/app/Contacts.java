package drachtio.middleware.internal.app;

import drachtio.api.Listen;
import drachtio.api.spi.Source;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Our Contact (RFC 3261 8.1.1.8, 12.1.1): where the peer's later requests reach us. It names one
 * of our listeners, never the ephemeral end of a connection we opened, of the transport in use
 * and of the peer's address family; a wildcard listener is named by the local address toward
 * the peer.
 */
final class Contacts {
    private Contacts() {
    }

    /**
     * For a response that makes a dialog.
     *
     * @param listening our listeners
     * @param source where the request came from, and the local side it arrived on
     * @return a Contact value such as {@code <sip:drachtio@127.0.0.1:5060;transport=tcp>}
     */
    static String of(List<Listen> listening, Source source) {
        InetSocketAddress local = source.local();
        InetAddress concrete = local.getAddress() == null || local.getAddress().isAnyLocalAddress() ? null
                : local.getAddress();
        // the listener the request came in on, when it came in on one of ours (not on a TCP
        // connection we opened, whose local port is ephemeral)
        for (Listen l : listening) {
            if (l.transport().equalsIgnoreCase(source.transport()) && l.port() == local.getPort()
                    && (wildcard(l.host()) || concrete != null && sameHost(l.host(), concrete))) {
                return format(wildcard(l.host()) ? concrete != null ? concrete.getHostAddress()
                        : routeTo(source.remote().getAddress()).getHostAddress() : l.host(), l.port(), source.transport());
            }
        }
        return of(listening, source.transport(), source.remote().getAddress(), concrete, local.getPort());
    }

    /** @return whether a listener's host is a wildcard address */
    static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static boolean sameHost(String host, InetAddress address) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(h).equals(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param listening our listeners
     * @param transport {@code UDP} or {@code TCP}
     * @param peer the peer's address, or {@code null} when not known
     * @param localAddress the local address in use toward the peer, or {@code null}
     * @param fallbackPort the port to name when no listener fits
     * @return the Contact value
     */
    static String of(List<Listen> listening, String transport, InetAddress peer, InetAddress localAddress,
                     int fallbackPort) {
        Listen l = listener(listening, transport, peer);
        String host = l == null ? null : l.host();
        int port = l == null ? fallbackPort : l.port();
        if (host == null || wildcard(host)) {
            host = (localAddress != null ? localAddress : routeTo(peer)).getHostAddress();
        }
        return format(host, port, transport);
    }

    private static String format(String host, int port, String transport) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        String t = transport.equalsIgnoreCase("UDP") ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT);
        return "<sip:drachtio@" + h + ":" + port + t + ">";
    }

    /** @return our listener of that transport and the peer's family; else of that transport; else null */
    static Listen listener(List<Listen> listening, String transport, InetAddress peer) {
        Listen sameTransport = null;
        for (Listen l : listening) {
            if (!l.transport().equalsIgnoreCase(transport)) {
                continue;
            }
            if (peer == null || isV6(l.host()) == (peer instanceof Inet6Address)) {
                return l;
            }
            if (sameTransport == null) {
                sameTransport = l;
            }
        }
        return sameTransport;
    }

    private static boolean isV6(String host) {
        return host.indexOf(':') >= 0;
    }

    /**
     * @return the local address the system routes toward the peer (no packet is sent); for a
     *     peer not known as an address (a host name), the host's own address
     */
    private static InetAddress routeTo(InetAddress peer) {
        if (peer != null) {
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(peer, 9);
                InetAddress a = s.getLocalAddress();
                if (a != null && !a.isAnyLocalAddress()) {
                    return a;
                }
            } catch (IOException | RuntimeException e) {
                // no route: the host's address below
            }
        }
        try {
            return InetAddress.getLocalHost();
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
