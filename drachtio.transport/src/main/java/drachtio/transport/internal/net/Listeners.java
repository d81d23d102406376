package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.header.Via;
import drachtio.transport.ListenPoint;
import drachtio.transport.ListenPoint.Protocol;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.TransportException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound listeners of one transport: which one serves a hop, what our Via sent-by is, and
 * whether a response's sent-by is one of ours (RFC 3261 18.1.2). The sent-by hosts are those
 * of the listen points (advertised or bound, when not a wildcard) plus every host {@link #via}
 * has produced (at most a few per interface).
 */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<UdpListener> udp = new ArrayList<>();
    private final List<TcpListener> tcp = new ArrayList<>();
    private final Addresses addresses = new Addresses();
    private final Set<String> sentByHosts = ConcurrentHashMap.newKeySet();
    private final Set<Integer> sentByPorts = ConcurrentHashMap.newKeySet();

    /**
     * Binds every listen point, in order.
     *
     * @param config the configuration
     * @throws IOException when one cannot be bound (those bound so far stay open: {@link #close})
     */
    void bind(TransportConfig config) throws IOException {
        for (ListenPoint p : config.listenPoints()) {
            Listener l = switch (p.protocol()) {
                case UDP -> {
                    UdpListener u = UdpListener.open(p, config);
                    udp.add(u);
                    yield u;
                }
                case TCP -> {
                    TcpListener t = TcpListener.open(p);
                    tcp.add(t);
                    yield t;
                }
            };
            sentByPorts.add(l.bound().getPort());
            if (p.advertisedHost() != null) {
                sentByHosts.add(hostKey(p.advertisedHost()));
            } else if (!l.bound().getAddress().isAnyLocalAddress()) {
                sentByHosts.add(hostKey(Addresses.hostText(l.bound().getAddress())));
            }
            log.info("listening on {} {}", p.protocol(), Addresses.text(l.bound()));
        }
    }

    List<UdpListener> udp() {
        return udp;
    }

    List<TcpListener> tcp() {
        return tcp;
    }

    List<? extends Listener> of(Protocol p) {
        return p == Protocol.UDP ? udp : tcp;
    }

    /**
     * @param p the transport
     * @param hop the hop
     * @return the listener whose address is {@code hop.local()}, else the first of the peer's
     *     address family, else the first
     * @throws TransportException when there is no listener of that transport
     */
    Listener forHop(Protocol p, Hop hop) {
        List<? extends Listener> ls = of(p);
        if (hop.local() != null) {
            for (Listener l : ls) {
                if (l.bound().equals(hop.local())) {
                    return l;
                }
            }
        }
        boolean v6 = hop.remote().getAddress() instanceof Inet6Address;
        for (Listener l : ls) {
            if ((l.bound().getAddress() instanceof Inet6Address) == v6) {
                return l;
            }
        }
        if (ls.isEmpty()) {
            throw new TransportException("no " + p + " listener to reach " + Addresses.text(hop.remote()), null);
        }
        return ls.getFirst();
    }

    /**
     * @param to a peer
     * @return the address of a TCP listener of the peer's family to connect from, or
     *     {@code null} (any) when they are all wildcards
     */
    InetAddress tcpBindAddress(InetSocketAddress to) {
        for (TcpListener t : tcp) {
            InetAddress a = t.bound().getAddress();
            if (!a.isAnyLocalAddress() && (a instanceof Inet6Address) == (to.getAddress() instanceof Inet6Address)) {
                return a;
            }
        }
        return null;
    }

    /**
     * @param p the transport
     * @param hop the hop a request takes
     * @param branch its branch
     * @return our Via for it, with {@code rport}
     */
    Via via(Protocol p, Hop hop, String branch) {
        Listener l = forHop(p, hop);
        String host;
        if (l.point().advertisedHost() != null) {
            host = l.point().advertisedHost();
        } else if (l.bound().getAddress().isAnyLocalAddress()) {
            host = Addresses.hostText(addresses.routeTo(hop.remote().getAddress()));
        } else {
            host = Addresses.hostText(l.bound().getAddress());
        }
        sentByHosts.add(hostKey(host));
        return Via.of(p.viaName(), host, l.bound().getPort(), branch).withParameter("rport", null);
    }

    /**
     * @param via a response's top Via
     * @return whether its sent-by is one we put in requests
     */
    boolean ours(Via via) {
        int port = via.port() >= 0 ? via.port() : ResponseRouting.defaultPort(via.transport());
        return sentByPorts.contains(port) && sentByHosts.contains(hostKey(via.host()));
    }

    private static String hostKey(String host) {
        InetAddress a = Addresses.literal(host);
        return a != null ? Addresses.plain(a) : host.toLowerCase(Locale.ROOT);
    }

    /** Closes every listener socket. */
    void close() {
        udp.forEach(UdpListener::close);
        tcp.forEach(TcpListener::close);
    }
}
