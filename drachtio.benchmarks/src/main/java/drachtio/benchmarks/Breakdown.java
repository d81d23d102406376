package drachtio.benchmarks;

import drachtio.api.header.Credentials;
import drachtio.api.message.Headers;
import drachtio.api.message.SipMessage;
import drachtio.api.spi.AsciiChars;
import drachtio.parser.Grammar;
import drachtio.parser.Grammars;
import drachtio.parser.SipParser;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Where drachtio's full parse spends its bytes and CPU time, step by step: for each prefix of
 * the steps {@link Workloads#drachtioFull} takes, a warmed-up loop measures the bytes the
 * thread allocates and the CPU time it uses per message; the difference between consecutive
 * prefixes is that step's share. Thread CPU time and allocation counters do not move when other
 * processes take the core, so this works on a busy machine where wall-clock timing does not.
 *
 * <p>With {@code owned} after the message name, framing uses
 * {@link SipParser#parseOwnedDatagram(byte[], int)} (no copy of the datagram) instead of
 * {@link SipParser#parseDatagram(byte[])}.
 *
 * <pre>java -cp drachtio.benchmarks/target/benchmarks.jar drachtio.benchmarks.Breakdown [message [owned]]</pre>
 */
public final class Breakdown {
    private static final SipParser PARSER = SipParser.create();
    private static final Set<String> TYPED = Set.of("via", "from", "to", "call-id", "cseq", "contact", "route",
            "record-route", "max-forwards", "content-length", "content-type", "expires", "authorization");
    private static final int WARMUP = 100_000;
    private static final int MEASURE = 200_000;
    /** Rounds per prefix; the least CPU time of them is reported, as the least disturbed. */
    private static final int ROUNDS = 5;

    /** Whether framing takes the datagram over ({@code owned}) rather than copying it. */
    private static boolean owned;

    /** Defeats dead-code elimination: every step's result is stored here. */
    static volatile Object sink;

    private record Step(String name, Function<SipMessage, Object> body) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("vias() + top branch", m -> m.vias().getFirst().branch().orElse(null)),
            new Step("from() + tag", m -> m.from().tag().orElse(null)),
            new Step("to() + tag", m -> m.to().tag().orElse(null)),
            new Step("callId()", SipMessage::callId),
            new Step("cseq()", SipMessage::cseq),
            new Step("contacts()", SipMessage::contacts),
            new Step("routes() + recordRoutes()", m -> m.routes().size() + m.recordRoutes().size()),
            new Step("maxForwards()", m -> m.maxForwards().orElse(-1)),
            new Step("contentLength()", m -> m.contentLength().orElse(-1)),
            new Step("contentType()", m -> m.contentType().orElse(null)),
            new Step("expires()", m -> m.expires().orElse(-1)),
            new Step("Authorization typed", m -> m.header("Authorization", Credentials.class).orElse(null)),
            new Step("other headers as text", Breakdown::rawOthers),
            new Step("bodyLength()", SipMessage::bodyLength));

    private Breakdown() {
    }

    private static Object rawOthers(SipMessage m) {
        Headers h = m.headers();
        Object last = null;
        for (int i = 0; i < h.size(); i++) {
            if (!TYPED.contains(h.key(i))) {
                last = h.value(i);
            }
        }
        return last;
    }

    /**
     * @param args optionally the message name (invite, ok200, register, options), then
     *     {@code owned} to frame without copying
     */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "invite";
        owned = args.length > 1 && args[1].equals("owned");
        byte[] bytes = Messages.bytes(name);
        System.out.printf("drachtio full parse of %s (%d octets, %s), per message; cpu: least of %d rounds%n", name,
                bytes.length, owned ? "parseOwnedDatagram" : "parseDatagram", ROUNDS);
        System.out.printf("%-28s %9s %9s %11s %11s%n", "step", "bytes", "+bytes", "cpu ns", "+cpu ns");
        double prevBytes = 0;
        double prevCpu = 0;
        for (int k = 0; k <= STEPS.size(); k++) {
            List<Step> prefix = STEPS.subList(0, k);
            run(bytes, prefix, WARMUP);
            PerOp cost = PerOp.leastOf(ROUNDS, MEASURE, n -> run(bytes, prefix, n));
            double perBytes = cost.bytes();
            double perCpu = cost.cpuNanos();
            String label = k == 0 ? "framing" : STEPS.get(k - 1).name();
            System.out.printf("%-28s %9.0f %+9.0f %11.0f %+11.0f%n", label, perBytes, perBytes - prevBytes, perCpu,
                    perCpu - prevCpu);
            prevBytes = perBytes;
            prevCpu = perCpu;
        }
        grammars(bytes);
    }

    /**
     * Times each grammar alone on this message's header values (over the message octets, as
     * the typed accessors see them), so lookup and caching overhead can be told apart from
     * grammar work.
     */
    private static void grammars(byte[] bytes) {
        SipMessage m = PARSER.parseDatagram(bytes);
        Headers h = m.headers();
        System.out.printf("%n%-28s %9s %11s%n", "grammar alone, per value", "bytes", "cpu ns");
        for (int i = 0; i < h.size(); i++) {
            String key = h.key(i);
            Grammar<?> g = switch (key) {
                case "via" -> Grammars.VIAS;
                case "from", "to" -> Grammars.ADDRESS;
                case "contact" -> Grammars.CONTACTS;
                case "route", "record-route" -> Grammars.ADDRESSES;
                case "call-id" -> Grammars.CALL_ID;
                case "cseq" -> Grammars.CSEQ;
                case "max-forwards", "content-length" -> Grammars.NUMBER;
                case "expires" -> Grammars.DELTA_SECONDS;
                case "content-type" -> Grammars.CONTENT_TYPE;
                case "authorization", "proxy-authorization" -> Grammars.CREDENTIALS;
                default -> null;
            };
            if (g == null) {
                continue;
            }
            int off = h.valueOffset(i);
            AsciiChars value = new AsciiChars(m.toBytes(), off, h.value(i).length());
            Runnable r = () -> sink = g.parse(value);
            for (int n = 0; n < WARMUP; n++) {
                r.run();
            }
            PerOp cost = PerOp.leastOf(ROUNDS, MEASURE, count -> {
                for (int n = 0; n < count; n++) {
                    r.run();
                }
            });
            System.out.printf("%-28s %9.0f %11.0f%n", h.name(i), cost.bytes(), cost.cpuNanos());
        }
    }

    private static void run(byte[] bytes, List<Step> steps, int n) {
        for (int i = 0; i < n; i++) {
            // the array is never changed, so handing it over again each time is safe here
            SipMessage m = owned ? PARSER.parseOwnedDatagram(bytes, bytes.length) : PARSER.parseDatagram(bytes);
            Object last = m;
            for (int s = 0; s < steps.size(); s++) {
                last = steps.get(s).body().apply(m);
            }
            sink = last;
        }
    }
}
