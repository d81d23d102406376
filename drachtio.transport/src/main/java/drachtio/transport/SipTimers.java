package drachtio.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The RFC 3261 timer values of one stack (RFC 3261 17 and table 4). T1, T2 and T4 are
 * configured; timers A to K derive from them. Tests inject short values; production uses
 * {@link #rfc3261()}.
 *
 * @param t1 round-trip time estimate (500 ms)
 * @param t2 the longest retransmit interval for non-INVITE requests and INVITE responses (4 s)
 * @param t4 the longest time a message stays in the network (5 s)
 * @param trying how long an INVITE server transaction waits for the application before it
 *     sends 100 Trying itself (RFC 3261 17.2.1 allows 200 ms)
 */
public record SipTimers(Duration t1, Duration t2, Duration t4, Duration trying) {
    private static final SipTimers RFC = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofMillis(200));

    /** The least timer D over an unreliable transport (RFC 3261 17.1.1.2, table 4). */
    private static final Duration MIN_TIMER_D = Duration.ofSeconds(32);

    /** Checks the values. */
    public SipTimers {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        Objects.requireNonNull(trying, "trying");
        if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative() || trying.isNegative()) {
            throw new IllegalArgumentException("timers need 0 < T1 <= T2, T4 >= 0, trying >= 0");
        }
    }

    /** @return the RFC 3261 defaults: T1 500 ms, T2 4 s, T4 5 s, 100 Trying after 200 ms */
    public static SipTimers rfc3261() {
        return RFC;
    }

    /**
     * @param t1 a round-trip estimate
     * @return timers scaled from that T1 (T2 = 8*T1, T4 = 10*T1), for tests and LANs
     */
    public static SipTimers scaled(Duration t1) {
        return new SipTimers(t1, t1.multipliedBy(8), t1.multipliedBy(10), t1.dividedBy(2).isZero() ? t1 : t1.dividedBy(2));
    }

    /** @return 64*T1: timers B, F, H and J (on unreliable transports) */
    public Duration timeout() {
        return t1.multipliedBy(64);
    }

    /**
     * @return timer D on unreliable transports: 64*T1 and never less than 32 s (RFC 3261
     *     17.1.1.2). It covers the server's timer H, which runs on the server's T1, not ours:
     *     with a shorter T1 here a retransmitted final response from a server on the RFC's
     *     500 ms would come after D and not be acknowledged.
     */
    public Duration timerD() {
        Duration d = timeout();
        return d.compareTo(MIN_TIMER_D) < 0 ? MIN_TIMER_D : d;
    }
}
