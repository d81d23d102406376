package drachtio.benchmarks;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.Via;
import drachtio.api.message.Headers;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.spi.AsciiChars;
import drachtio.parser.Grammars;
import drachtio.parser.SipParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The least any parser of this design can spend on the benchmark INVITE: the objects that
 * {@link Workloads#drachtioFull} receives, built straight from offsets found before the clock
 * starts, with no scanning, no checking and no lookup. Each variant runs in the same JVM as
 * the real parse, so the figures compare side by side.
 *
 * <p>The design is the one issue 2 asks for: a message that owns a copy of its octets, an
 * index of its header fields, a cache slot per field for the lazily made values, and each value
 * an immutable record whose text parts are {@code String}s. The floor counts only what varies
 * from message to message: every well-known token ({@code SIP}, {@code UDP}, {@code branch},
 * {@code tag}, {@code INVITE}, {@code application/sdp} ...) is taken as a shared constant, and
 * the numbers (Max-Forwards, CSeq, Content-Length) as kept without boxing.
 *
 * <pre>java -cp drachtio.benchmarks/target/benchmarks.jar drachtio.benchmarks.Floor [rounds]</pre>
 */
public final class Floor {
    private static final int WARMUP = 300_000;
    private static final int PER_ROUND = 100_000;
    /** Header fields of the INVITE. */
    private static final int FIELDS = 13;

    private static final byte[] BYTES = Messages.bytes("invite");
    private static final String TEXT = new String(BYTES, StandardCharsets.ISO_8859_1);

    // where each message-specific text starts and how long it is, found before the clock starts
    private static final Span RURI_USER = after("INVITE sip:", "bob");
    private static final Span RURI_HOST = after("INVITE sip:bob@", "biloxi.example.com");
    private static final Span VIA_HOST = after("UDP ", "pc33.atlanta.example.com");
    private static final Span BRANCH = after("branch=", "z9hG4bK776asdhds");
    private static final Span TO_NAME = after("To: ", "Bob");
    private static final Span TO_USER = after("To: Bob <sip:", "bob");
    private static final Span TO_HOST = after("To: Bob <sip:bob@", "biloxi.example.com");
    private static final Span FROM_NAME = after("From: \"", "Alice Liddell");
    private static final Span FROM_USER = after("Liddell\" <sip:", "alice");
    private static final Span FROM_HOST = after("Liddell\" <sip:alice@", "atlanta.example.com");
    private static final Span TAG = after("tag=", "1928301774");
    private static final Span CALL_ID = after("Call-ID: ", "a84b4c76e66710@pc33.atlanta.example.com");
    private static final Span CONTACT_USER = after("Contact: <sip:", "alice");
    private static final Span CONTACT_HOST = after("Contact: <sip:alice@", "pc33.atlanta.example.com");
    private static final Span ALLOW = line("Allow: ");
    private static final Span SUPPORTED = line("Supported: ");
    private static final Span USER_AGENT = line("User-Agent: ");
    // whole header values, for the grammars called directly
    private static final Span VIA_VALUE = line("Via: ");
    private static final Span TO_VALUE = line("To: ");
    private static final Span FROM_VALUE = line("From: ");
    private static final Span CALL_ID_VALUE = line("Call-ID: ");
    private static final Span CSEQ_VALUE = line("CSeq: ");
    private static final Span CONTACT_VALUE = line("Contact: ");
    private static final Span MAX_FORWARDS_VALUE = line("Max-Forwards: ");
    private static final Span CONTENT_LENGTH_VALUE = line("Content-Length: ");
    private static final Span CONTENT_TYPE_VALUE = line("Content-Type: ");
    private static final SipParser PARSER = SipParser.create();

    /** A message-specific text: where it starts in the INVITE and how long it is. */
    private record Span(int at, int len) {
        String of(byte[] b) {
            return new String(b, at, len, StandardCharsets.ISO_8859_1);
        }

        AsciiChars in(byte[] b) {
            return new AsciiChars(b, at, len);
        }
    }

    /**
     * The parts of a parsed message that are not header values: its octets, the field index
     * (three ints a field, as {@code drachtio.api.message.Headers} keeps) and one cache slot per
     * field for the value made on first access.
     */
    private record Shell(byte[] octets, int[] index, Object[] cache) {
    }

    private Floor() {
    }

    private static Span after(String before, String text) {
        int at = TEXT.indexOf(before + text);
        if (at < 0) {
            throw new IllegalStateException("not in the INVITE: " + before + text);
        }
        return new Span(at + before.length(), text.length());
    }

    private static Span line(String name) {
        int at = TEXT.indexOf(name) + name.length();
        return new Span(at, TEXT.indexOf('\r', at) - at);
    }

    /**
     * @param args optionally the number of rounds (20)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Sink sink = new VolatileSink();
        System.out.printf("invite (%d octets), per message, least of %d rounds of %,d%n", BYTES.length, rounds,
                PER_ROUND);
        System.out.printf("%-52s %9s %9s%n", "variant", "cpu ns", "bytes");
        report("drachtio full parse (Workloads.drachtioFull)", rounds, () -> Workloads.drachtioFull(BYTES, sink));
        report("parse, then these values by their accessors", rounds, () -> accessors(sink));
        report("parse, then the same by the grammars called directly", rounds, () -> direct(sink));
        report("floor: copy + shell + every value", rounds, () -> values(shell(true), sink));
        report("floor: shell + every value, no copy", rounds, () -> values(shell(false), sink));
        shared = Shared.DEPLOYMENT;
        report("floor: copy + shell + values, deployment texts cached", rounds, () -> values(shell(true), sink));
        shared = Shared.ALL_BUT_PER_CALL;
        report("floor: copy + shell + values, all but ids cached", rounds, () -> values(shell(true), sink));
        shared = Shared.NONE;
        report("floor: copy + shell only", rounds, () -> sink.consume(shell(true)));
        report("floor: copy only", rounds, () -> sink.consume(Arrays.copyOf(BYTES, BYTES.length)));
    }

    private static void report(String name, int rounds, Runnable op) {
        for (int i = 0; i < WARMUP; i++) {
            op.run();
        }
        PerOp cost = PerOp.leastOf(rounds, PER_ROUND, count -> {
            for (int i = 0; i < count; i++) {
                op.run();
            }
        });
        System.out.printf("%-52s %9.0f %9.0f%n", name, cost.cpuNanos(), cost.bytes());
    }

    /**
     * Which texts come from a cache shared by all messages rather than as new {@code String}s:
     * none; those a deployment sees over and over whoever calls (the domains in the Request-URI,
     * To and From, and the Allow, Supported and User-Agent of a phone model); or all but the
     * per-call identifiers (branch, tag, Call-ID), which only a benchmark repeating one message
     * would find in a cache.
     */
    private enum Shared {
        NONE, DEPLOYMENT, ALL_BUT_PER_CALL
    }

    private static Shared shared = Shared.NONE;

    /** @return the text as a new {@code String}, or from the imagined cache when {@code shared} covers it */
    private static String text(byte[] b, Span span, Shared from) {
        if (shared.compareTo(from) >= 0) {
            return CACHED[span.at()];
        }
        return span.of(b);
    }

    /** Stands in for a cache: the texts made once, by where they start. */
    private static final String[] CACHED = new String[BYTES.length];

    static {
        for (Span s : List.of(RURI_USER, RURI_HOST, VIA_HOST, BRANCH, TO_NAME, TO_USER, TO_HOST, FROM_NAME, FROM_USER,
                FROM_HOST, TAG, CALL_ID, CONTACT_USER, CONTACT_HOST, ALLOW, SUPPORTED, USER_AGENT)) {
            CACHED[s.at()] = s.of(BYTES);
        }
    }

    /**
     * Builds the floor's values once, for the smoke test that checks they are the parser's.
     *
     * @param sharing 0 for no shared texts, 1 for the texts every caller shares, 2 for all but
     *     the per-call identifiers
     * @param sink receives the shell, then the Request-URI, Vias, To, From, Call-ID, CSeq,
     *     Contacts, Content-Type, and the Allow, Supported and User-Agent texts
     */
    static void once(int sharing, Sink sink) {
        shared = Shared.values()[sharing];
        try {
            values(shell(true), sink);
        } finally {
            shared = Shared.NONE;
        }
    }

    /**
     * The values {@link #values} builds, from a parse of a copy of the INVITE through the
     * message's typed accessors: the lookups and caches of the API on top of the grammars.
     */
    private static void accessors(Sink sink) {
        byte[] b = Arrays.copyOf(BYTES, BYTES.length);
        SipMessage m = PARSER.parseOwnedDatagram(b, b.length);
        sink.consume(((SipRequest) m).uri());
        sink.consume(m.vias());
        sink.consume(m.to());
        sink.consume(m.from());
        sink.consume(m.callId());
        sink.consume(m.cseq());
        sink.consume(m.contacts());
        sink.consume(m.maxForwards().orElse(-1));
        sink.consume(m.contentLength().orElse(-1));
        sink.consume(m.contentType().orElse(null));
        Headers h = m.headers();
        for (int i = 0; i < h.size(); i++) {
            if (h.key(i).equals("allow") || h.key(i).equals("supported") || h.key(i).equals("user-agent")) {
                sink.consume(h.value(i));
            }
        }
    }

    /** As {@link #accessors}, but each value by its grammar on offsets known in advance. */
    private static void direct(Sink sink) {
        byte[] b = Arrays.copyOf(BYTES, BYTES.length);
        SipMessage m = PARSER.parseOwnedDatagram(b, b.length);
        sink.consume(((SipRequest) m).uri());
        sink.consume(Grammars.VIAS.parse(VIA_VALUE.in(b)));
        sink.consume(Grammars.ADDRESS.parse(TO_VALUE.in(b)));
        sink.consume(Grammars.ADDRESS.parse(FROM_VALUE.in(b)));
        sink.consume(Grammars.CALL_ID.parse(CALL_ID_VALUE.in(b)));
        sink.consume(Grammars.CSEQ.parse(CSEQ_VALUE.in(b)));
        sink.consume(Grammars.CONTACTS.parse(CONTACT_VALUE.in(b)));
        sink.consume(Grammars.NUMBER.parse(MAX_FORWARDS_VALUE.in(b)));
        sink.consume(Grammars.NUMBER.parse(CONTENT_LENGTH_VALUE.in(b)));
        sink.consume(Grammars.CONTENT_TYPE.parse(CONTENT_TYPE_VALUE.in(b)));
        sink.consume(ALLOW.of(b));
        sink.consume(SUPPORTED.of(b));
        sink.consume(USER_AGENT.of(b));
    }

    private static Shell shell(boolean copy) {
        byte[] b = copy ? Arrays.copyOf(BYTES, BYTES.length) : BYTES;
        return new Shell(b, new int[FIELDS * 3], new Object[FIELDS]);
    }

    /** Every value the full workload reads, made from the shell's octets and cached in it. */
    private static void values(Shell m, Sink sink) {
        byte[] b = m.octets();
        Object[] c = m.cache();
        SipUri ruri = new SipUri(false, text(b, RURI_USER, Shared.ALL_BUT_PER_CALL), null, text(b, RURI_HOST, Shared.DEPLOYMENT), -1, Parameters.EMPTY,
                Parameters.EMPTY);
        Via via = new Via("SIP", "2.0", "UDP", text(b, VIA_HOST, Shared.ALL_BUT_PER_CALL), 5060,
                Parameters.wrap(new String[] {"branch", BRANCH.of(b), "rport", null}));
        List<Via> vias = List.of(via);
        c[0] = vias;
        Address to = new Address(text(b, TO_NAME, Shared.ALL_BUT_PER_CALL),
                new SipUri(false, text(b, TO_USER, Shared.ALL_BUT_PER_CALL), null, text(b, TO_HOST, Shared.DEPLOYMENT), -1, Parameters.EMPTY, Parameters.EMPTY),
                Parameters.EMPTY);
        c[2] = to;
        Address from = new Address(text(b, FROM_NAME, Shared.ALL_BUT_PER_CALL),
                new SipUri(false, text(b, FROM_USER, Shared.ALL_BUT_PER_CALL), null, text(b, FROM_HOST, Shared.DEPLOYMENT), -1, Parameters.EMPTY, Parameters.EMPTY),
                Parameters.wrap(new String[] {"tag", TAG.of(b)}));
        c[3] = from;
        String callId = CALL_ID.of(b);
        c[4] = callId;
        CSeq cseq = new CSeq(314159, "INVITE");
        c[5] = cseq;
        Contact contact = new Contact(new Address(null,
                new SipUri(false, text(b, CONTACT_USER, Shared.ALL_BUT_PER_CALL), null, text(b, CONTACT_HOST, Shared.ALL_BUT_PER_CALL), 5060,
                        Parameters.wrap(new String[] {"transport", "udp"}), Parameters.EMPTY),
                Parameters.EMPTY));
        List<Contact> contacts = List.of(contact);
        c[6] = contacts;
        ContentType type = new ContentType("application", "sdp", Parameters.EMPTY);
        c[7] = type;
        String allow = text(b, ALLOW, Shared.DEPLOYMENT);
        c[8] = allow;
        String supported = text(b, SUPPORTED, Shared.DEPLOYMENT);
        c[9] = supported;
        String agent = text(b, USER_AGENT, Shared.DEPLOYMENT);
        c[10] = agent;
        sink.consume(m);
        sink.consume(ruri);
        sink.consume(vias);
        sink.consume(to);
        sink.consume(from);
        sink.consume(callId);
        sink.consume(cseq);
        sink.consume(contacts);
        sink.consume(type);
        sink.consume(allow);
        sink.consume(supported);
        sink.consume(agent);
    }
}
