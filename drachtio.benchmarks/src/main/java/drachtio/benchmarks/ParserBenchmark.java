package drachtio.benchmarks;

import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses one datagram per operation: drachtio in proxy mode (framing plus the five headers a
 * stateless proxy reads), drachtio fully typed, and JAIN-SIP (which always types every header),
 * all in one JMH run so the figures compare. The score is messages per second; ns/message is
 * its inverse. Defaults for a run are in {@code run.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    /** Which of {@link Messages} to parse. */
    @Param({"invite", "ok200", "register", "options"})
    public String message;

    private byte[] bytes;
    private BlackholeSink sink;

    /** Loads the message octets; the parsers copy or read them, never change them. */
    @Setup
    public void setUp() {
        bytes = Messages.bytes(message);
    }

    /**
     * @param bh JMH's sink
     */
    @Benchmark
    public void drachtioProxy(Blackhole bh) {
        Workloads.drachtioProxy(bytes, sink(bh));
    }

    /**
     * @param bh JMH's sink
     */
    @Benchmark
    public void drachtioFull(Blackhole bh) {
        Workloads.drachtioFull(bytes, sink(bh));
    }

    /**
     * @param bh JMH's sink
     * @throws ParseException never for these messages (the smoke test checks)
     */
    @Benchmark
    public void jainSip(Blackhole bh) throws ParseException {
        Workloads.jainSip(bytes, sink(bh));
    }

    /** One adapter per Blackhole, made once, so no allocation is added to the measured work. */
    private Sink sink(Blackhole bh) {
        BlackholeSink s = sink;
        if (s == null || s.blackhole != bh) {
            s = new BlackholeSink(bh);
            sink = s;
        }
        return s;
    }
}
