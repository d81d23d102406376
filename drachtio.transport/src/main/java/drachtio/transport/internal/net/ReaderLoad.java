package drachtio.transport.internal.net;

import java.util.function.LongSupplier;

/**
 * How busy a UDP reader is: the share of wall time it spends outside {@code receive}, per
 * window of {@link #WINDOW_NANOS}. A reader near 100 % cannot drain its socket, so the kernel
 * is about to drop datagrams, whichever they are; that is the moment to turn new requests away
 * while the ones that end calls still get through. One thread writes (the reader), any reads.
 */
final class ReaderLoad {
    /** The window over which the share is measured. */
    static final long WINDOW_NANOS = 100_000_000L;

    private final LongSupplier clock;
    private long windowStart;
    private long idle;
    private volatile double share;
    private volatile long measuredAt;

    /** @param clock nanoseconds, {@link System#nanoTime} outside tests */
    ReaderLoad(LongSupplier clock) {
        this.clock = clock;
        this.windowStart = clock.getAsLong();
        this.measuredAt = windowStart;
    }

    /** @return now, by this load's clock; the reader calls it before {@code receive} */
    long now() {
        return clock.getAsLong();
    }

    /**
     * The reader got a datagram.
     *
     * @param waitStart what {@link #now} said before the {@code receive} that returned it
     */
    void received(long waitStart) {
        long now = clock.getAsLong();
        idle += now - waitStart;
        long span = now - windowStart;
        if (span >= WINDOW_NANOS) {
            share = Math.max(0.0, 1.0 - (double) idle / span);
            measuredAt = now;
            windowStart = now;
            idle = 0;
        }
    }

    /**
     * @return the busy share of the last window, 0 to 1; 0 when no window closed lately (a
     *     reader that waits in {@code receive} for long is idle)
     */
    double busyShare() {
        return clock.getAsLong() - measuredAt > 2 * WINDOW_NANOS ? 0.0 : share;
    }
}
