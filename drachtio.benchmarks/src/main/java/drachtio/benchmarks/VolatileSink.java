package drachtio.benchmarks;

/**
 * A {@link Sink} for timing loops outside JMH: each value is stored in a volatile field, which
 * the JIT cannot drop, so the work that made it is not dropped either.
 */
final class VolatileSink implements Sink {
    private volatile Object lastObject;
    private volatile long lastLong;

    @Override
    public void consume(Object value) {
        lastObject = value;
    }

    @Override
    public void consume(long value) {
        lastLong = value;
    }
}
