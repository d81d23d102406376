package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.transport.ListenPoint;
import drachtio.transport.TransportConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket: a reader loop blocking in {@link DatagramChannel#receive} (one thread per
 * socket), and sends from the same socket so peers see our listening port as the source.
 */
final class UdpListener implements Listener {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
    /** Larger than any UDP payload (65,507 octets over IPv4), so nothing is truncated. */
    private static final int MAX_DATAGRAM = 65_536;

    private final ListenPoint point;
    private final DatagramChannel channel;
    private final InetSocketAddress bound;
    /** The reader's own load, measured only where the kernel's queue cannot be read ({@link KernelQueue}). */
    private final ReaderLoad load;
    /** The receive buffer in the kernel's accounting (Linux grants and reports twice what was asked). */
    private final long receiveBuffer;
    /** The receive queue {@link #behind} saw last time. */
    private volatile long lastQueued;
    private final CombinedSender sender;

    private UdpListener(ListenPoint point, DatagramChannel channel, InetSocketAddress bound, long receiveBuffer) {
        this.point = point;
        this.channel = channel;
        this.bound = bound;
        this.receiveBuffer = receiveBuffer;
        this.sender = new CombinedSender((bytes, to) -> channel.send(ByteBuffer.wrap(bytes), to));
        this.load = KernelQueue.read(bound).isPresent() ? null : new ReaderLoad(System::nanoTime);
    }

    /**
     * @param point where to bind
     * @param config socket buffer sizes
     * @return the bound listener
     * @throws IOException when it cannot bind
     */
    static UdpListener open(ListenPoint point, TransportConfig config) throws IOException {
        InetAddress addr = Addresses.resolve(point.host());
        DatagramChannel ch = DatagramChannel.open(addr instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try {
            int asked = config.socketReceiveBuffer() > 0 ? config.socketReceiveBuffer()
                    : TransportConfig.UDP_RECEIVE_BUFFER;
            ch.setOption(StandardSocketOptions.SO_RCVBUF, asked);
            int got = ch.getOption(StandardSocketOptions.SO_RCVBUF);
            if (got < asked) {
                // Linux reports twice what it grants; below the request means rmem_max capped it
                log.info("udp {}: receive buffer {} octets, {} asked (raise net.core.rmem_max for more)",
                        point, got, asked);
            }
            if (config.socketSendBuffer() > 0) {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, config.socketSendBuffer());
            }
            ch.bind(new InetSocketAddress(addr, point.port()));
            return new UdpListener(point, ch, (InetSocketAddress) ch.getLocalAddress(), got);
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

    /** Where a reader puts what it receives. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param b the reader's buffer, reused for the next datagram once this returns
         * @param n the datagram's length
         * @param source where it came from
         * @param local the listener it arrived on
         */
        void datagram(byte[] b, int n, InetSocketAddress source, InetSocketAddress local);
    }

    /**
     * Receives until the socket is closed. Nothing a datagram holds can end the loop.
     *
     * @param in where datagrams go
     */
    void readLoop(Sink in) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        byte[] array = buf.array();
        while (channel.isOpen()) {
            buf.clear();
            InetSocketAddress source;
            long waitStart = load == null ? 0 : load.now();
            try {
                source = (InetSocketAddress) channel.receive(buf);
                if (load != null) {
                    load.received(waitStart);
                }
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    break;
                }
                log.warn("udp {}: receive failed: {}", Addresses.text(bound), e.toString());
                continue;
            }
            if (source == null) {
                continue;
            }
            try {
                in.datagram(array, buf.position(), source, bound);
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("udp {}: datagram from {} failed", Addresses.text(bound), Addresses.text(source), e);
            }
        }
        log.debug("udp {}: reader ended", Addresses.text(bound));
    }

    /**
     * Whether the reader is behind, by the kernel's figures where it gives them (Linux): the
     * receive queue holds more than three quarters of the buffer (drops are near), or more than
     * half and more than at the last look (it is filling up). Lower marks cut new requests on
     * a 2-core machine whenever the reader lost its core for a few tens of milliseconds, and
     * the 503s then cost the peers more than the requests would have. A queue that a stall
     * left long (a GC pause, a burst from a peer) but that drains again is not a reader
     * behind: cutting new requests for it would turn away what the reader carries on average. Where the kernel does not
     * tell: the reader busy {@code busyShare} of the last tenth of a second. Called once per
     * admission window, by one caller at a time.
     *
     * @param busyShare the reader load that counts as behind where the kernel does not tell
     * @return whether the reader is behind
     */
    boolean behind(double busyShare) {
        Optional<KernelQueue.Reading> k = KernelQueue.read(bound);
        if (k.isEmpty()) {
            return load != null && load.busyShare() >= busyShare;
        }
        long queued = k.get().queued();
        long before = lastQueued;
        lastQueued = queued;
        return filling(queued, before, receiveBuffer);
    }

    /**
     * @param queued the receive queue now
     * @param before the receive queue at the last look
     * @param buffer the receive buffer, in the same accounting
     * @return whether the queue is near full, or past half and growing
     */
    static boolean filling(long queued, long before, long buffer) {
        return queued > buffer / 4 * 3 || (queued > buffer / 2 && queued > before);
    }

    /**
     * Sends a datagram; see {@link CombinedSender} for what happens when another thread is
     * sending at the same time.
     *
     * @param bytes a whole message
     * @param to the peer
     * @param own whether the caller must get the socket's exception (it then may wait for
     *     another sender); else a refusal seen by another thread sending it is only counted
     * @throws IOException when the socket refuses it (closed, too large, no route)
     */
    void send(byte[] bytes, InetSocketAddress to, boolean own) throws IOException {
        if (own) {
            sender.sendOwn(bytes, to);
        } else {
            sender.send(bytes, to);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("udp {}: close failed: {}", Addresses.text(bound), e.toString());
        }
    }
}
