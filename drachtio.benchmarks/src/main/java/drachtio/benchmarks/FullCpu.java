package drachtio.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * The CPU time and bytes per message of exactly what JMH's full-parse benchmark runs
 * ({@link Workloads#drachtioFull}), in one loop without JMH: after a warm-up, the least thread
 * CPU time of several rounds, which holds on a busy machine where wall-clock timing does not.
 * It uses only {@link Workloads} and {@link Messages}, so an older benchmarks jar placed first
 * on the class path can be measured with this class from a newer build:
 *
 * <pre>java -cp old/benchmarks.jar:drachtio.benchmarks/target/classes drachtio.benchmarks.FullCpu [message [rounds]]</pre>
 */
public final class FullCpu {
    private static final int WARMUP = 300_000;
    private static final int PER_ROUND = 100_000;

    /** Defeats dead-code elimination. */
    static volatile Object lastObject;
    static volatile long lastLong;

    private FullCpu() {
    }

    /**
     * @param args optionally the message name (invite, ok200, register, options) and the
     *     number of rounds (20)
     */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "invite";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        byte[] bytes = Messages.bytes(name);
        Sink sink = new Sink() {
            @Override
            public void consume(Object value) {
                lastObject = value;
            }

            @Override
            public void consume(long value) {
                lastLong = value;
            }
        };
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            Workloads.drachtioFull(bytes, sink);
        }
        double cpu = Double.MAX_VALUE;
        double allocated = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long b0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                Workloads.drachtioFull(bytes, sink);
            }
            cpu = Math.min(cpu, (threads.getCurrentThreadCpuTime() - c0) / (double) PER_ROUND);
            allocated = Math.min(allocated, (threads.getCurrentThreadAllocatedBytes() - b0) / (double) PER_ROUND);
        }
        System.out.printf("%s full (Workloads.drachtioFull): %.0f cpu ns/msg, %.0f B/msg, least of %d rounds%n", name,
                cpu, allocated, rounds);
    }
}
