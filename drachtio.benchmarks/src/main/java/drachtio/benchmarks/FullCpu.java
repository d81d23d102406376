package drachtio.benchmarks;

/**
 * The CPU time and bytes per message of exactly what JMH's full-parse benchmark runs
 * ({@link Workloads#drachtioFull}), in one loop without JMH: after a warm-up, the least thread
 * CPU time of several rounds, which holds on a busy machine where wall-clock timing does not.
 * It uses only {@link Workloads}, {@link Messages} and {@link PerOp}, so an older benchmarks jar
 * placed first on the class path can be measured with this class from a newer build:
 *
 * <pre>java -cp old/benchmarks.jar:drachtio.benchmarks/target/classes drachtio.benchmarks.FullCpu [message [rounds]]</pre>
 */
public final class FullCpu {
    private static final int WARMUP = 300_000;
    private static final int PER_ROUND = 100_000;

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
        Sink sink = new VolatileSink();
        for (int i = 0; i < WARMUP; i++) {
            Workloads.drachtioFull(bytes, sink);
        }
        PerOp cost = PerOp.leastOf(rounds, PER_ROUND, count -> {
            for (int i = 0; i < count; i++) {
                Workloads.drachtioFull(bytes, sink);
            }
        });
        System.out.printf("%s full (Workloads.drachtioFull): %.0f cpu ns/msg, %.0f B/msg, least of %d rounds%n", name,
                cost.cpuNanos(), cost.bytes(), rounds);
    }
}
