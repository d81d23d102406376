package drachtio.benchmarks;

/**
 * Where a workload puts every value it reads: JMH's {@code Blackhole} in a benchmark (so the
 * JIT cannot drop the work), a list in the smoke test (so the values can be checked).
 */
public interface Sink {
    /** @param value a value the workload read */
    void consume(Object value);

    /** @param value a value the workload read */
    void consume(long value);
}
