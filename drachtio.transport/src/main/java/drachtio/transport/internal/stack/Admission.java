package drachtio.transport.internal.stack;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which incoming requests go to the application and which the stack answers 503 itself.
 *
 * <p>Two budgets of {@code maxInFlight} each: requests that start something (no To tag) and
 * requests inside a dialog (To tag). A flood of new requests can then never turn away the BYEs
 * and re-INVITEs of calls already up: turning those away keeps the calls, their timers and
 * their retransmissions alive, which is how an overloaded SIP server collapses.
 *
 * <p>On top of the budget, a control loop over new requests only, applied by the transport
 * before it parses them ({@link #admitNew}, through its {@code NewRequestGate}), so that a
 * request turned away costs a glance at its raw lines and a 503. The signs of overload are the
 * delay between handing a task to the application's executor and its start (both cores busy:
 * tasks queue), and a transport reader that falls behind (its kernel queue grows; next the
 * kernel drops datagrams, ACKs and BYEs included). Every {@link #WINDOW_NANOS}, when the
 * largest delay seen exceeded the limit or the reader was behind, in {@link #HOT_WINDOWS}
 * windows in a row, the
 * share of new requests let in is cut by a tenth (never below {@link #MIN_SHARE}); when it
 * did not, the share grows by a tenth of the whole, back to all. Additive increase and
 * multiplicative decrease, as TCP does, settles on the rate the machine sustains instead of
 * letting queues grow until the peers' retransmissions double the load.
 *
 * <p>The share reacts in tenths of a second; an application whose own work fills both cores
 * outruns it: by the time the lag is seen, a second of admitted tasks waits for a carrier,
 * keeps the lag high after the share was cut (so it is cut far below what the machine
 * carries) and then, once drained, lets the share swing back up into the next backlog. So the
 * tasks handed over and not yet started are also bounded at any instant ({@link #queueLimit}):
 * by as many as the carriers started in the time of the lag limit, at the pace of the busiest
 * of the last {@link #RECENT_WINDOWS} windows (never fewer than {@link #MIN_QUEUE}). While that
 * many wait and the task that started last waited more than half the lag limit, new requests
 * are turned away at once; a task then waits about the lag limit at most, while the carriers
 * stay busy with the rest.
 */
final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** How often the share of new requests is adjusted. */
    static final long WINDOW_NANOS = 100_000_000L;
    /**
     * Overloaded windows in a row before the share is cut: one alone is most often a GC pause
     * or a burst from the peer, which the queues absorb.
     */
    static final int HOT_WINDOWS = 2;
    /** The lowest share of new requests let in while overloaded: enough to keep measuring. */
    static final double MIN_SHARE = 0.02;
    /** The fewest tasks waiting for a carrier that new requests may add to, whatever the rate. */
    static final int MIN_QUEUE = 256;
    /** The windows over which the carriers' pace is taken, the busiest of them: a second. */
    static final int RECENT_WINDOWS = 10;
    private static final double DECREASE = 0.9;
    private static final double INCREASE = 0.1;

    /** Places for 2xx responses to INVITEs waiting for their ACK, per place of {@link #fresh}. */
    static final int ACK_WAITS_PER_REQUEST = 4;

    private final Semaphore fresh;
    private final Semaphore inDialog;
    /** 2xx to INVITEs waiting for their ACK; when none is left, new requests are refused. */
    private final Semaphore ackWaits;
    private final int maxInFlight;
    private final long lagLimitNanos;
    private final LongSupplier clock;
    private final BooleanSupplier saturated;
    private final AtomicLong windowStart;
    private final AtomicLong windowMaxLag = new AtomicLong();
    private volatile double share = 1.0;
    /** Tasks handed to the executor that have not started yet. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Tasks started since the stack began; per window, the rate the carriers keep up. */
    private final AtomicLong starts = new AtomicLong();
    /** {@link #starts} when the last window closed; guarded by this. */
    private long startsBefore;
    /** Tasks started in each of the last windows, a ring; guarded by this. */
    private final long[] recentStarts = new long[RECENT_WINDOWS];
    private int nextRecent;
    /** How many tasks may wait for a carrier before new requests are turned away. */
    private volatile int queueLimit = MIN_QUEUE;
    /** How long the task that started last waited for a carrier. */
    private volatile long lastLag;
    /** Overloaded windows in a row; written only by the caller that closes a window. */
    private volatile int hotWindows;

    /**
     * @param maxInFlight the size of each budget
     * @param lagLimitNanos the executor delay above which new requests are cut back
     * @param clock nanoseconds, {@link System#nanoTime} outside tests
     * @param saturated whether the transport's readers are saturated now
     */
    Admission(int maxInFlight, long lagLimitNanos, LongSupplier clock, BooleanSupplier saturated) {
        this.saturated = saturated;
        this.maxInFlight = maxInFlight;
        this.fresh = new Semaphore(maxInFlight);
        this.inDialog = new Semaphore(maxInFlight);
        this.ackWaits = new Semaphore((int) Math.min(Integer.MAX_VALUE, (long) maxInFlight * ACK_WAITS_PER_REQUEST));
        this.lagLimitNanos = lagLimitNanos;
        this.clock = clock;
        this.windowStart = new AtomicLong(clock.getAsLong());
    }

    /**
     * @param withinDialog whether the request carries a To tag
     * @return the request's place in its budget, to give back once it is answered, or
     *     {@code null} when the budget is spent
     */
    Ticket tryAdmit(boolean withinDialog) {
        if (!withinDialog && ackWaits.availablePermits() == 0) {
            // as many answered calls wait for their ACK as the budget allows: a new call now
            // would only add a dialog and its 2xx retransmissions to those
            return null;
        }
        Semaphore budget = withinDialog ? inDialog : fresh;
        return budget.tryAcquire() ? new Ticket(budget, ackWaits) : null;
    }


    /** @return whether every new request is let in now (the share is whole, no queue is full) */
    boolean letsAllIn() {
        roll();
        return share >= 1.0 && !queueFull();
    }

    /**
     * @return whether the tasks waiting for a carrier reached their bound while the last task to
     *     start had waited more than half the lag limit: a backlog that is not draining. A count
     *     over the bound alone is not enough: after a jump in the rate the bound still follows
     *     the old pace, while carriers that keep up start every task within milliseconds
     */
    private boolean queueFull() {
        return waiting.get() >= queueLimit && lastLag > lagLimitNanos / 2;
    }

    /** @return whether one new request is let in: not when the queue is full, else a draw against the share */
    boolean admitNew() {
        roll();
        if (queueFull()) {
            return false;
        }
        double s = share;
        return s >= 1.0 || ThreadLocalRandom.current().nextDouble() < s;
    }

    /** A task goes to the executor; {@link #started} or {@link #notStarted} follows. */
    void handedOver() {
        waiting.incrementAndGet();
    }

    /** A task handed over was refused by the executor (it is closing). */
    void notStarted() {
        waiting.decrementAndGet();
    }

    /** @param lagNanos how long a task waited between hand-off and start */
    void started(long lagNanos) {
        lastLag = lagNanos;
        waiting.decrementAndGet();
        starts.incrementAndGet();
        roll();
        windowMaxLag.accumulateAndGet(lagNanos, Math::max);
    }

    /** @return how many tasks may wait for a carrier now before new requests are turned away */
    int queueLimit() {
        roll();
        return queueLimit;
    }

    /** @return the share of new requests let in now, 0 to 1 */
    double share() {
        roll();
        return share;
    }

    /** @return requests in the application's hands and not yet answered, both budgets */
    int busy() {
        return 2 * maxInFlight - fresh.availablePermits() - inDialog.availablePermits();
    }

    /**
     * An admitted request's place in its budget. It is given back when the final response goes
     * out or the application's code returns, whichever comes first: code that answers a call
     * and then waits for its end holds a parked virtual thread, not a request. A 2xx to an
     * INVITE also takes a place among the ACK waits ({@link #awaitAck}) until its wait for the
     * ACK is over (at most 64*T1): calls the caller never acknowledges (it gave up, or the
     * machine is overloaded) so hold back new requests once there are
     * {@value #ACK_WAITS_PER_REQUEST} times the in-flight budget of them, instead of piling up
     * unseen, each with its dialog and its 2xx retransmissions.
     */
    static final class Ticket {
        private final Semaphore budget;
        private final Semaphore ackWaits;
        private final AtomicBoolean held = new AtomicBoolean(true);
        private final AtomicBoolean waiting = new AtomicBoolean();

        private Ticket(Semaphore budget, Semaphore ackWaits) {
            this.budget = budget;
            this.ackWaits = ackWaits;
        }

        /** Gives the place back; later calls do nothing. */
        void release() {
            if (held.getAndSet(false)) {
                budget.release();
            }
        }

        /**
         * A 2xx to the INVITE is about to go out: counts it among the ACK waits (when a place
         * is left; the 2xx goes either way) until {@link #ackWaitOver}.
         */
        void awaitAck() {
            if (ackWaits.tryAcquire()) {
                waiting.set(true);
            }
        }

        /** The 2xx's wait for its ACK is over, or the 2xx did not go out; later calls do nothing. */
        void ackWaitOver() {
            if (waiting.getAndSet(false)) {
                ackWaits.release();
            }
        }
    }

    /**
     * Records the starts of the window just closed and works out the queue's bound from the
     * busiest of the last {@link #RECENT_WINDOWS}: a window in which the carriers stalled (a GC
     * pause, a compilation) started few tasks, and the bound must not shrink just when a backlog
     * it should absorb builds up. Called only by the caller that closed the window.
     */
    private synchronized int queueLimitAfter(long windows) {
        long started = starts.get();
        long perWindow = (started - startsBefore) / windows;
        startsBefore = started;
        for (long w = Math.min(windows, RECENT_WINDOWS); w > 0; w--) {
            recentStarts[nextRecent] = perWindow;
            nextRecent = (nextRecent + 1) % RECENT_WINDOWS;
        }
        long busiest = 0;
        for (long n : recentStarts) {
            busiest = Math.max(busiest, n);
        }
        return (int) Math.max(MIN_QUEUE, Math.min(Integer.MAX_VALUE, busiest * lagLimitNanos / WINDOW_NANOS));
    }

    /**
     * Closes the window when it is over and adjusts the share by what it saw; one caller wins.
     * Windows in which nothing ran count as calm ones.
     */
    private void roll() {
        long now = clock.getAsLong();
        long start = windowStart.get();
        long windows = (now - start) / WINDOW_NANOS;
        if (windows == 0 || !windowStart.compareAndSet(start, now)) {
            return;
        }
        queueLimit = queueLimitAfter(windows);
        long lag = windowMaxLag.getAndSet(0);
        boolean behind = saturated.getAsBoolean();
        boolean hot = lag > lagLimitNanos || behind;
        if (hot && LOG.isDebugEnabled()) {
            LOG.debug("overloaded window: start lag {} ms, reader behind {}, share of new requests {}",
                    lag / 1_000_000, behind, share);
        }
        int streak = hot ? hotWindows + 1 : 0;
        hotWindows = streak;
        if (streak >= HOT_WINDOWS) {
            share = Math.max(MIN_SHARE, share * DECREASE);
        } else if (!hot) {
            share = Math.min(1.0, share + INCREASE * windows);
        }
    }
}
