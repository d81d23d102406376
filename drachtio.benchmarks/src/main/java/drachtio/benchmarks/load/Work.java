package drachtio.benchmarks.load;

import drachtio.benchmarks.PerOp;

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
     * Prints what {@link #ROUNDS} cost on this machine, in thread CPU time after a short warm-up,
     * as the server's first line of output ({@code work per call: 100000 rounds, 181 us of CPU});
     * prints nothing when there is no work.
     */
    static void printCost() {
        if (ROUNDS <= 0) {
            return;
        }
        for (int i = 0; i < 200; i++) {
            perCall();
        }
        PerOp cost = PerOp.leastOf(5, 1000, calls -> {
            for (int i = 0; i < calls; i++) {
                perCall();
            }
        });
        System.out.printf("work per call: %d rounds, %.0f us of CPU%n", ROUNDS, cost.cpuNanos() / 1000);
    }
}
