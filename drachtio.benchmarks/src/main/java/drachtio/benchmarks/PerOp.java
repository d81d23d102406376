package drachtio.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * The cost of one operation as the least of several rounds: thread CPU time and bytes
 * allocated, which hold on a busy machine where wall-clock time does not.
 *
 * @param cpuNanos thread CPU nanoseconds per operation
 * @param bytes bytes allocated per operation
 */
public record PerOp(double cpuNanos, double bytes) {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * @param rounds how many rounds; the least of each figure is kept
     * @param perRound operations per round
     * @param batch runs the given number of operations
     * @return the least CPU time and the least allocation per operation
     */
    public static PerOp leastOf(int rounds, int perRound, IntConsumer batch) {
        double cpu = Double.MAX_VALUE;
        double bytes = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long b0 = THREADS.getCurrentThreadAllocatedBytes();
            long c0 = THREADS.getCurrentThreadCpuTime();
            batch.accept(perRound);
            cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - c0) / (double) perRound);
            bytes = Math.min(bytes, (THREADS.getCurrentThreadAllocatedBytes() - b0) / (double) perRound);
        }
        return new PerOp(cpu, bytes);
    }
}
