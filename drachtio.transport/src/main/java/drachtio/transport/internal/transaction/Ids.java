package drachtio.transport.internal.transaction;

import drachtio.api.header.Via;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Branches (RFC 3261 8.1.1.7) and tags (19.3): unique per process and hard to guess. A
 * {@link SecureRandom} seeds a base once; each id adds a counter and a cheap mixed suffix, so
 * making one costs no entropy.
 */
public final class Ids {
    private static final String BASE;
    private static final AtomicLong COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        BASE = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        COUNTER = new AtomicLong(random.nextInt() & 0xffff);
    }

    private Ids() {
    }

    /** @return a new branch starting with the magic cookie {@code z9hG4bK} */
    public static String branch() {
        return Via.MAGIC_COOKIE + BASE + '.' + Long.toString(COUNTER.incrementAndGet(), 36);
    }

    /** @return a new tag for a From or To header */
    public static String tag() {
        long n = COUNTER.incrementAndGet();
        return Long.toString(mix(n) & Long.MAX_VALUE, 36) + Long.toString(n, 36);
    }

    // SplitMix64 finaliser: spreads the counter so consecutive tags do not look alike
    private static long mix(long n) {
        long z = n * 0x9E3779B97F4A7C15L ^ BASE.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
