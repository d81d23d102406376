package drachtio.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU work an application does per new call or registration (a routing decision, a database
 * client's parsing, a rule engine), so that the load script can drive an application whose own
 * work, not sipp or the stack, sets the rate it sustains. The amount is fixed in rounds of
 * arithmetic, not in time: a thread that is descheduled in the middle of it still owes the
 * same work, as a real handler would. Set with {@code -Dload.work=ROUNDS} (0, the default,
 * is none).
 */
final class Work {
    /** Rounds of work per call, from {@code -Dload.work}. */
    static final int ROUNDS = Integer.getInteger("load.work", 0);

    /** Keeps the result observable so the rounds are not optimised away. */
    private static volatile long sink;

    private Work() {
    }

    /** Does {@link #ROUNDS} rounds of work on the calling thread. */
    static void perCall() {
        if (ROUNDS > 0) {
            sink = rounds(ROUNDS, System.nanoTime());
        }
    }

    /**
     * @param n rounds
     * @param seed a value the compiler cannot know
     * @return a mix of the seed, so the loop has a result
     */
    private static long rounds(int n, long seed) {
        long x = seed | 1;
        for (int i = 0; i < n; i++) {
            // xorshift64: one dependent chain, so each round costs its latency (about 1.8 ns here)
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /**
     * Measures what {@link #ROUNDS} cost on this machine after a short warm-up, in thread CPU
     * time, for the server's first line of output.
     *
     * @return a line such as {@code work per call: 100000 rounds, 98 us of CPU}, or
     *     {@code null} when there is no work
     */
    static String describe() {
        if (ROUNDS <= 0) {
            return null;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 200; i++) {
            perCall();
        }
        int calls = 1000;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                perCall();
            }
            least = Math.min(least, threads.getCurrentThreadCpuTime() - t0);
        }
        return String.format("work per call: %d rounds, %.0f us of CPU", ROUNDS, least / 1000.0 / calls);
    }
}
