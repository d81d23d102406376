package drachtio.transport.internal;


import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Address text as SIP writes it, and the local address that routes to a peer (for Vias of
 * listeners bound to a wildcard address).
 */
public final class Addresses {
    /** Beyond this many peers the route cache starts over, so it stays bounded. */
    private static final int ROUTE_CACHE_MAX = 4096;

    private final ConcurrentMap<InetAddress, InetAddress> routes = new ConcurrentHashMap<>();

    /**
     * @param host an IPv4 literal, an IPv6 literal with or without brackets, or a name
     * @return the address when the host is a literal, else {@code null}; never consults DNS
     */
    public static InetAddress literal(String host) {
        String h = host;
        if (h.length() > 1 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            h = h.substring(1, h.length() - 1);
        }
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param host a literal or a name (A/AAAA lookup through the system resolver)
     * @return the address
     * @throws TransportException when the name does not resolve
     */
    public static InetAddress resolve(String host) {
        InetAddress a = literal(host);
        if (a != null) {
            return a;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new TransportException("cannot resolve host " + host, e);
        }
    }

    /**
     * @param a an address
     * @return its text for a Via sent-by or URI host: IPv6 in brackets, no zone
     */
    public static String hostText(InetAddress a) {
        return a instanceof Inet6Address ? "[" + plain(a) + "]" : a.getHostAddress();
    }

    /**
     * @param a an address
     * @return its text for a {@code received} parameter: IPv6 without brackets or zone
     *     (RFC 3261 20.42 grammar)
     */
    public static String plain(InetAddress a) {
        return a instanceof Inet6Address ? compressed(a.getAddress()) : a.getHostAddress();
    }

    /** @return the RFC 5952 text of a 16-octet address: lower case, longest zero run as {@code ::} */
    public static String compressed(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * @param a an address
     * @param port a port
     * @return {@code host:port} for logs
     */
    public static String text(InetSocketAddress a) {
        return a == null ? "-" : hostText(a.getAddress()) + ":" + a.getPort();
    }

    /**
     * The local address the system would send from to reach a peer; found by connecting an
     * unbound datagram socket, which sends nothing. Falls back to the loopback address.
     *
     * @param peer the peer
     * @return our address toward it
     */
    public InetAddress routeTo(InetAddress peer) {
        InetAddress cached = routes.get(peer);
        if (cached != null) {
            return cached;
        }
        InetAddress found;
        StandardProtocolFamily family = peer instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        try (DatagramChannel probe = DatagramChannel.open(family)) {
            probe.connect(new InetSocketAddress(peer, 9));
            found = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        } catch (IOException | UnsupportedOperationException e) {
            found = peer instanceof Inet6Address ? InetAddress.getLoopbackAddress() : loopback4();
        }
        if (found.isAnyLocalAddress()) {
            found = peer instanceof Inet6Address ? InetAddress.getLoopbackAddress() : loopback4();
        }
        if (routes.size() >= ROUTE_CACHE_MAX) {
            routes.clear();
        }
        routes.put(peer, found);
        return found;
    }

    private static InetAddress loopback4() {
        return InetAddress.ofLiteral("127.0.0.1");
    }
}
