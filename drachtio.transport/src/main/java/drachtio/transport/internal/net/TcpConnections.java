package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.parser.SipParser;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetCounters.CloseReason;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open TCP connections, inbound and outbound, keyed by the peer's address so any
 * connection to a peer (including one the peer opened) carries our messages to it. Enforces
 * the connection limit and, from {@link #reap}, the idle timeout, the message deadline and the
 * write timeout.
 */
final class TcpConnections {
    private static final Logger log = LoggerFactory.getLogger(TcpConnections.class);

    private final TransportConfig config;
    private final NetCounters counters;
    private final NetThreads threads;
    private final SipParser parser;
    private final ConcurrentMap<InetSocketAddress, TcpConnection> byRemote = new ConcurrentHashMap<>();
    private final Set<TcpConnection> all = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<InetSocketAddress, CompletableFuture<TcpConnection>> connecting =
            new ConcurrentHashMap<>();
    private volatile Inbound inbound;
    private volatile boolean stopped;

    TcpConnections(TransportConfig config, NetCounters counters, NetThreads threads, SipParser parser) {
        this.config = config;
        this.counters = counters;
        this.threads = threads;
        this.parser = parser;
    }

    void inbound(Inbound in) {
        this.inbound = in;
    }

    /**
     * Takes over a connection the acceptor accepted, or closes it at once when the limit is
     * reached or the transport is stopping.
     *
     * @param ch the accepted channel
     */
    void accepted(SocketChannel ch) {
        if (stopped || !reserve()) {
            counters.refused();
            log.debug("refused TCP connection from {}: {} connections open", remoteOf(ch), counters.tcpOpen());
            closeQuietly(ch);
            return;
        }
        try {
            configure(ch);
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            counters.accepted();
            start(new TcpConnection(ch, remote, local, true, this::removed));
        } catch (IOException e) {
            release();
            closeQuietly(ch);
            log.debug("accepted TCP connection failed at once: {}", e.toString());
        }
    }

    /**
     * @param remote a peer
     * @return an open connection to it, or {@code null}
     */
    TcpConnection find(InetSocketAddress remote) {
        TcpConnection c = byRemote.get(remote);
        return c != null && c.isOpen() ? c : null;
    }

    /**
     * The connection a request arrived on, for its responses (RFC 3261 18.2.2): the peer may hold
     * two to us from one address (to two of our listeners), which the table keyed by the peer's
     * address alone cannot tell apart.
     *
     * @param local our side of the connection
     * @param remote the peer's side
     * @return that open connection, else one open to the peer, or {@code null}
     */
    TcpConnection find(InetSocketAddress local, InetSocketAddress remote) {
        TcpConnection c = find(remote);
        if (c != null && c.local().equals(local)) {
            return c;
        }
        for (TcpConnection other : all) {
            if (other.isOpen() && other.remote().equals(remote) && other.local().equals(local)) {
                return other;
            }
        }
        return c;
    }

    /**
     * An open connection to the peer: an existing one, or a new one (callers racing for the
     * same peer share one connect).
     *
     * @param remote the peer
     * @param bind the local address to connect from, or {@code null} for any
     * @return the connection
     * @throws TransportException when it cannot be opened in time or the limit is reached
     */
    TcpConnection obtain(InetSocketAddress remote, InetAddress bind) {
        TcpConnection c = find(remote);
        if (c != null) {
            return c;
        }
        CompletableFuture<TcpConnection> mine = new CompletableFuture<>();
        CompletableFuture<TcpConnection> other = connecting.putIfAbsent(remote, mine);
        if (other != null) {
            return await(other, remote);
        }
        try {
            c = find(remote);
            if (c == null) {
                c = connect(remote, bind);
            }
            mine.complete(c);
            return c;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            connecting.remove(remote, mine);
        }
    }

    private TcpConnection await(CompletableFuture<TcpConnection> f, InetSocketAddress remote) {
        try {
            return f.get(config.tcpConnectTimeout().toNanos() * 2, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new TransportException("cannot connect to " + Addresses.text(remote), e.getCause());
        } catch (TimeoutException e) {
            throw new TransportException("timed out connecting to " + Addresses.text(remote), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted connecting to " + Addresses.text(remote), e);
        }
    }

    private TcpConnection connect(InetSocketAddress remote, InetAddress bind) {
        if (stopped) {
            throw new TransportException("transport is stopped", null);
        }
        if (!reserve()) {
            throw new TransportException("TCP connection limit of " + config.maxTcpConnections()
                    + " reached; cannot connect to " + Addresses.text(remote), null);
        }
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(remote.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
            configure(ch);
            if (bind != null && bind.getClass() == remote.getAddress().getClass()) {
                ch.bind(new InetSocketAddress(bind, 0));
            }
            ch.socket().connect(remote, (int) Math.max(1, config.tcpConnectTimeout().toMillis()));
            InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
            counters.connected();
            TcpConnection c = new TcpConnection(ch, remote, local, false, this::removed);
            log.debug("{}: connected", c);
            start(c);
            return c;
        } catch (IOException e) {
            release();
            if (ch != null) {
                closeQuietly(ch);
            }
            throw new TransportException("cannot connect to " + Addresses.text(remote), e);
        }
    }

    private void start(TcpConnection c) {
        all.add(c);
        TcpConnection old = byRemote.putIfAbsent(c.remote(), c);
        if (old != null && !old.isOpen()) {
            byRemote.replace(c.remote(), old, c);
        }
        // else the same peer address twice (two local listeners): the first stays the one we send on
        threads.virtual("tcp-" + Addresses.text(c.remote()), () -> c.readLoop(parser.newStream(), inbound));
        if (stopped) {
            c.close(CloseReason.STOP);
        }
    }

    private void configure(SocketChannel ch) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (config.socketReceiveBuffer() > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, config.socketReceiveBuffer());
        }
        if (config.socketSendBuffer() > 0) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBuffer());
        }
    }

    private boolean reserve() {
        AtomicInteger open = counters.openGauge();
        while (true) {
            int n = open.get();
            if (n >= config.maxTcpConnections()) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private void release() {
        counters.openGauge().decrementAndGet();
    }

    private void removed(TcpConnection c, CloseReason why) {
        byRemote.remove(c.remote(), c);
        if (all.remove(c)) {
            release();
        }
        counters.closed(why);
    }

    /** Closes connections that are idle, late with a message, or stuck writing. */
    void reap() {
        long now = TcpConnection.stamp();
        long idle = config.tcpIdleTimeout().toNanos();
        long deadline = config.tcpMessageDeadline().toNanos();
        long write = config.tcpWriteTimeout().toNanos();
        for (TcpConnection c : all) {
            CloseReason why = c.overdue(now, idle, deadline, write);
            if (why != null) {
                log.debug("{}: closing, {}", c, why);
                c.close(why);
            }
        }
    }

    /** @return the connections open now */
    List<TcpConnection> snapshot() {
        return List.copyOf(all);
    }

    /** Closes every connection and refuses new ones. */
    void closeAll() {
        stopped = true;
        for (TcpConnection c : all) {
            c.close(CloseReason.STOP);
        }
    }

    private static Object remoteOf(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            log.trace("close failed", e);
        }
    }
}
