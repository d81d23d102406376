package drachtio.transport.internal.stack;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * carries) and then, once drained, lets the share swing back up into the next backlog. So new
 * requests are also turned away at once, at any instant, while the oldest task still waiting
 * for a carrier has waited more than a quarter of the lag limit ({@link #oldestWait}): the
 * backlog is bounded in time, whatever each task costs, and a task waits about half the lag
 * limit at most while the carriers stay busy with the rest. Carriers start tasks about in the
 * order they were handed over (one queue per submitting thread, first in first out), so the
 * oldest is taken to be the next after as many as have started.
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
    /**
     * Hand-over times remembered for tasks not yet started; more waiting than this counts as a
     * full queue (the in-flight budgets keep it far below in practice).
     */
    static final int MAX_WAITING = 1 << 15;
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
    /** New requests turned away in this window for the backlog, and by the share: for the debug log. */
    private final AtomicLong windowBacklogRefused = new AtomicLong();
    private final AtomicLong windowShareRefused = new AtomicLong();
    private volatile double share = 1.0;
    /** Tasks handed to the executor so far; the n-th has sequence number n - 1. */
    private final AtomicLong handed = new AtomicLong();
    /** Tasks started so far (or refused by the executor). */
    private final AtomicLong starts = new AtomicLong();
    /** Per sequence number modulo {@link #MAX_WAITING}: when the task was handed over. */
    private final AtomicLongArray handedAt = new AtomicLongArray(MAX_WAITING);
    /** Per slot of {@link #handedAt}: the sequence number whose time it holds, written after it. */
    private final AtomicLongArray handedSeq = new AtomicLongArray(MAX_WAITING);
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


    /** @return whether every new request is let in now (the share is whole, the queue is not full) */
    boolean letsAllIn() {
        long now = roll();
        return share >= 1.0 && !queueFull(now);
    }

    /** @return whether one new request is let in: not when the queue is full, else a draw against the share */
    boolean admitNew() {
        long now = roll();
        if (queueFull(now)) {
            windowBacklogRefused.incrementAndGet();
            return false;
        }
        double s = share;
        if (s >= 1.0 || ThreadLocalRandom.current().nextDouble() < s) {
            return true;
        }
        windowShareRefused.incrementAndGet();
        return false;
    }

    /**
     * Whether new requests are turned away for the backlog: the oldest task waiting for a carrier
     * waited more than a quarter of the lag limit. A quarter, because when the gate closes the
     * tasks admitted while the oldest aged still have to start: at twice the rate the carriers
     * sustain the longest wait is then about twice this, and the share's own signal (a wait over
     * the whole limit) stays quiet.
     *
     * @param now the clock's time
     * @return whether the queue counts as full
     */
    private boolean queueFull(long now) {
        return oldestWait(now) > lagLimitNanos / 4;
    }

    /**
     * @param now the clock's time
     * @return how long the oldest task not yet started has waited: 0 when none waits, or when its
     *     hand-over is still being recorded (it is the newest then); the longest time there is
     *     when more than {@link #MAX_WAITING} wait
     */
    long oldestWait(long now) {
        long next = starts.get();
        long last = handed.get();
        if (last <= next) {
            return 0;
        }
        if (last - next > MAX_WAITING) {
            return Long.MAX_VALUE;
        }
        int slot = (int) (next % MAX_WAITING);
        long at = handedAt.getAcquire(slot);
        return handedSeq.getAcquire(slot) == next ? Math.max(0, now - at) : 0;
    }

    /**
     * A task goes to the executor; {@link #started} or {@link #notStarted} follows.
     *
     * @param now the clock's time, as the caller read it for the task's lag
     */
    void handedOver(long now) {
        long seq = handed.getAndIncrement();
        int slot = (int) (seq % MAX_WAITING);
        handedAt.setRelease(slot, now);
        handedSeq.setRelease(slot, seq);
    }

    /** A task handed over was refused by the executor (it is closing). */
    void notStarted() {
        starts.incrementAndGet();
    }

    /** @param lagNanos how long a task waited between hand-off and start */
    void started(long lagNanos) {
        starts.incrementAndGet();
        roll();
        windowMaxLag.accumulateAndGet(lagNanos, Math::max);
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
     * Closes the window when it is over and adjusts the share by what it saw; one caller wins.
     * Windows in which nothing ran count as calm ones.
     *
     * @return the clock's time
     */
    private long roll() {
        long now = clock.getAsLong();
        long start = windowStart.get();
        long windows = (now - start) / WINDOW_NANOS;
        if (windows == 0 || !windowStart.compareAndSet(start, now)) {
            return now;
        }
        long lag = windowMaxLag.getAndSet(0);
        long forBacklog = windowBacklogRefused.getAndSet(0);
        long byShare = windowShareRefused.getAndSet(0);
        boolean behind = saturated.getAsBoolean();
        boolean hot = lag > lagLimitNanos || behind;
        if ((hot || forBacklog + byShare > 0) && LOG.isDebugEnabled()) {
            LOG.debug("window: start lag {} ms, reader behind {}, share of new requests {}, oldest task waiting {} ms,"
                    + " new requests turned away: {} for the backlog, {} by the share",
                    lag / 1_000_000, behind, share, oldestWait(now) / 1_000_000, forBacklog, byShare);
        }
        int streak = hot ? hotWindows + 1 : 0;
        hotWindows = streak;
        if (streak >= HOT_WINDOWS) {
            share = Math.max(MIN_SHARE, share * DECREASE);
        } else if (!hot) {
            share = Math.min(1.0, share + INCREASE * windows);
        }
        return now;
    }
}
