package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.transport.ListenPoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A TCP listening socket and its acceptor loop; accepted connections go to {@link TcpConnections}. */
final class TcpListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 512;
    /** Pause after an accept error (e.g. out of file descriptors) so the loop does not spin. */
    private static final long ACCEPT_BACKOFF_NANOS = 50_000_000L;

    private final ListenPoint point;
    private final ServerSocketChannel channel;
    private final InetSocketAddress bound;

    private TcpListener(ListenPoint point, ServerSocketChannel channel, InetSocketAddress bound) {
        this.point = point;
        this.channel = channel;
        this.bound = bound;
    }

    /**
     * @param point where to bind
     * @return the bound listener
     * @throws IOException when it cannot bind
     */
    static TcpListener open(ListenPoint point) throws IOException {
        InetAddress addr = Addresses.resolve(point.host());
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(addr, point.port()), BACKLOG);
            return new TcpListener(point, ch, (InetSocketAddress) ch.getLocalAddress());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ListenPoint point() {
        return point;
    }

    @Override
    public InetSocketAddress bound() {
        return bound;
    }

    /**
     * Accepts until the socket is closed.
     *
     * @param connections where accepted connections go
     */
    void acceptLoop(TcpConnections connections) {
        while (channel.isOpen()) {
            SocketChannel ch;
            try {
                ch = channel.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    break;
                }
                log.warn("tcp {}: accept failed: {}", Addresses.text(bound), e.toString());
                LockSupport.parkNanos(ACCEPT_BACKOFF_NANOS);
                continue;
            }
            try {
                connections.accepted(ch);
            } catch (RuntimeException e) {
                log.warn("tcp {}: could not take an accepted connection", Addresses.text(bound), e);
            }
        }
        log.debug("tcp {}: acceptor ended", Addresses.text(bound));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("tcp {}: close failed: {}", Addresses.text(bound), e.toString());
        }
    }
}
