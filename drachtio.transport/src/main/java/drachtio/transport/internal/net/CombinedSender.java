package drachtio.transport.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the datagrams of many threads through one socket without making any of them wait for
 * another. A {@link java.nio.channels.DatagramChannel} lets one sender in at a time: a second
 * one parks on its lock, and a parked virtual thread costs an unmount, a re-submission and
 * often the wake-up of a carrier, several times the cost of the send (at 8,000 calls/s, 570
 * such parks a second). Here the thread that finds the socket free sends, and a thread that
 * finds it busy leaves its datagram in an outbox, which the sending thread empties before it
 * lets go. Nobody blocks, and datagrams from one thread leave in the order it sent them.
 *
 * <p>The price is in errors: a thread that sends itself gets the socket's exception; a datagram
 * left in the outbox that the socket refuses is logged and counted ({@link #failed()}), its
 * sender has already returned. Callers that must learn of a failure (a request starting a
 * client transaction, whose failure is a 503 to the application) use {@link #sendOwn}.
 */
final class CombinedSender {
    private static final Logger log = LoggerFactory.getLogger(CombinedSender.class);

    /** The socket's send. */
    @FunctionalInterface
    interface Wire {
        /**
         * @param bytes a whole datagram
         * @param to where to
         * @throws IOException when the socket refuses it
         */
        void send(byte[] bytes, InetSocketAddress to) throws IOException;
    }

    private record Pending(byte[] bytes, InetSocketAddress to) {
    }

    private final Wire wire;
    private final Queue<Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final LongAdder failed = new LongAdder();
    private final LongAdder handedOver = new LongAdder();

    /** @param wire the socket's send */
    CombinedSender(Wire wire) {
        this.wire = wire;
    }

    /**
     * Sends now when the socket is free, or else hands the datagram to the thread sending.
     *
     * @param bytes a whole datagram
     * @param to where to
     * @throws IOException when this thread sent it and the socket refused it
     */
    void send(byte[] bytes, InetSocketAddress to) throws IOException {
        if (busy.compareAndSet(false, true)) {
            try {
                // what this thread left in the outbox before goes first
                drain();
                wire.send(bytes, to);
            } finally {
                release();
            }
            return;
        }
        outbox.add(new Pending(bytes, to));
        handedOver.increment();
        // the sending thread may have looked at the outbox before the add and let go since
        if (busy.compareAndSet(false, true)) {
            release();
        }
    }

    /**
     * Sends on this thread, waiting for the socket if another thread holds it, so that the
     * caller gets the socket's exception.
     *
     * @param bytes a whole datagram
     * @param to where to
     * @throws IOException when the socket refuses it
     */
    void sendOwn(byte[] bytes, InetSocketAddress to) throws IOException {
        wire.send(bytes, to);
    }

    /** @return datagrams from the outbox the socket refused */
    long failed() {
        return failed.sum();
    }

    /** @return datagrams left in the outbox for another thread to send */
    long handedOver() {
        return handedOver.sum();
    }

    /** Empties the outbox, lets go, and takes over again if a datagram came in meanwhile. */
    private void release() {
        do {
            drain();
            busy.set(false);
        } while (!outbox.isEmpty() && busy.compareAndSet(false, true));
    }

    /** Sends what the outbox holds; the caller holds the socket. */
    private void drain() {
        for (Pending p; (p = outbox.poll()) != null; ) {
            try {
                wire.send(p.bytes(), p.to());
            } catch (IOException | RuntimeException e) {
                failed.increment();
                log.debug("datagram of {} octets to {} not sent: {}", p.bytes().length, p.to(), e.toString());
            }
        }
    }
}
