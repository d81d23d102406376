package drachtio.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

/** A {@link Sink} over JMH's {@link Blackhole}. */
final class BlackholeSink implements Sink {
    final Blackhole blackhole;

    BlackholeSink(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void consume(Object value) {
        blackhole.consume(value);
    }

    @Override
    public void consume(long value) {
        blackhole.consume(value);
    }
}
