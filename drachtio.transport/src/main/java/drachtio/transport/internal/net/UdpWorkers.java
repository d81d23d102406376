package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-off between a UDP reader and the threads that parse and process. The reader
 * only receives, peeks ({@link RawPeek}) and queues; parsing, validation and the transaction
 * layer run on {@code workers} platform threads. Datagrams are sharded by Call-ID, so the
 * messages of one call are processed in arrival order, on one worker.
 *
 * <p>Each worker's queue holds at most {@code capacity} datagrams. A datagram that starts
 * something new is queued only while its queue is less than half full; beyond that it is
 * answered 503 with Retry-After straight from its raw lines ({@link Inbound#shed}), which costs
 * the reader a fraction of a parse. Everything else may fill the queue, and is dropped and
 * counted only when it is full. So under overload the queues keep room for the messages that
 * end calls, and memory is bounded by the queues: {@code workers * capacity} datagrams.
 */
final class UdpWorkers {
    private static final Logger log = LoggerFactory.getLogger(UdpWorkers.class);

    private record Item(byte[] octets, InetSocketAddress source, InetSocketAddress local) {
    }

    private final Inbound in;
    private final int freshLimit;
    private final ArrayBlockingQueue<Item>[] queues;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param in where datagrams go
     * @param workers how many worker threads (and queues)
     * @param capacity each queue's size in datagrams
     * @param threads starts the workers
     * @param name for the workers' names
     */
    @SuppressWarnings("unchecked")
    UdpWorkers(Inbound in, int workers, int capacity, NetThreads threads, String name) {
        this.in = in;
        this.freshLimit = capacity / 2;
        this.queues = new ArrayBlockingQueue[workers];
        for (int i = 0; i < workers; i++) {
            ArrayBlockingQueue<Item> q = new ArrayBlockingQueue<>(capacity);
            queues[i] = q;
            threads.platform(name + "-worker-" + i, () -> work(q));
        }
    }

    /**
     * Called by the reader for each datagram.
     *
     * @param b the reader's buffer (copied when the datagram is queued)
     * @param n the datagram's length
     * @param source where it came from
     * @param local the listener it arrived on
     */
    void offer(byte[] b, int n, InetSocketAddress source, InetSocketAddress local) {
        RawPeek peek = RawPeek.of(b, n);
        ArrayBlockingQueue<Item> q = queues[Math.floorMod(peek.callIdHash(), queues.length)];
        if (peek.startsSomething() && q.size() >= freshLimit) {
            in.shed(b, n, source, local);
            return;
        }
        if (!q.offer(new Item(Arrays.copyOf(b, n), source, local))) {
            in.shed(b, n, source, local);
        }
    }

    /** @return datagrams waiting in all queues */
    int queued() {
        int n = 0;
        for (ArrayBlockingQueue<Item> q : queues) {
            n += q.size();
        }
        return n;
    }

    /** Lets the workers end once they see it (within a tenth of a second); queued datagrams are dropped. */
    void close() {
        closed.set(true);
    }

    private void work(ArrayBlockingQueue<Item> q) {
        while (!closed.get()) {
            Item item;
            try {
                item = q.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                continue;
            }
            try {
                in.ownedDatagram(item.octets(), item.octets().length, item.source(), item.local());
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("datagram from {} failed", Addresses.text(item.source()), e);
            }
        }
    }
}
