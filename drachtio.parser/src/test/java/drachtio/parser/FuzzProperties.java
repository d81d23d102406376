package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.Header;
import drachtio.api.header.Via;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The properties {@link SipParserFuzzTest} enforces, as plain methods so a fuzz target, a
 * corpus test and a regression test can share them. Each fails with an AssertionError or
 * lets an unexpected exception escape.
 */
final class FuzzProperties {
    private FuzzProperties() {
    }

    /**
     * @return the message, or {@code null} when the parser refused the octets cleanly
     */
    static SipMessage parseOrNull(SipParser parser, byte[] datagram) {
        try {
            return parser.parseDatagram(datagram);
        } catch (SipParseException e) {
            MessageProbe.checkError(e, datagram.length);
            return null;
        }
    }

    /** Handing the array over ({@code parseOwnedDatagram}) gives the same message as copying it. */
    static void sameOwnedParse(SipParser parser, byte[] datagram, SipMessage copied) {
        SipMessage owned = parser.parseOwnedDatagram(datagram.clone(), datagram.length);
        assertThat(owned.toBytes()).isEqualTo(copied.toBytes());
        assertThat(describe(owned, false)).isEqualTo(describe(copied, false));
    }

    /** One chunk, two chunks split at {@code cut}, and one octet at a time give the same frames. */
    static void sameFramesHoweverSplit(SipParser parser, byte[] stream, int cut) {
        int n = stream.length;
        List<String> whole = frames(parser, stream, new int[] {n});
        assertThat(frames(parser, stream, new int[] {cut, n})).as("split at %d", cut).isEqualTo(whole);
        int[] each = new int[n];
        for (int i = 0; i < n; i++) {
            each[i] = i + 1;
        }
        assertThat(frames(parser, stream, each)).as("one octet at a time").isEqualTo(whole);
    }

    /**
     * Feeds the stream in chunks ending at the given positions, draining frames after each.
     *
     * @return each frame and the error, if any, described; then the octets left over
     */
    static List<String> frames(SipParser parser, byte[] stream, int[] ends) {
        StreamFramer f = parser.newStream();
        List<String> out = new ArrayList<>();
        int fed = 0;
        for (int end : ends) {
            f.feed(stream, fed, end - fed);
            fed = end;
            try {
                for (Frame fr = f.next(); !(fr instanceof Frame.NeedMoreBytes); fr = f.next()) {
                    out.add(describe(fr));
                }
            } catch (SipParseException e) {
                MessageProbe.checkError(e, fed);
                out.add("error at " + e.offset() + ": " + e.status() + " " + e.reason());
                assertThatThrownBy(f::next).isInstanceOf(IllegalStateException.class);
                return out;
            }
        }
        out.add("left " + f.buffered());
        return out;
    }

    private static String describe(Frame frame) {
        return switch (frame) {
            case Frame.Message m -> {
                MessageProbe.readEverything(m.message());
                yield "message at " + m.streamOffset() + "\n" + describe(m.message(), false) + "\nwire "
                        + HexFormat.of().formatHex(m.message().toBytes());
            }
            case Frame.KeepAlive k -> "ping";
            case Frame.NeedMoreBytes n -> throw new AssertionError("need-more is not a frame");
        };
    }

    /**
     * A message that validates survives its own wire form and a rebuild through its builder.
     *
     * @param m a parsed message that passed {@link SipValidator}
     */
    static void survivesReserialisation(SipMessage m) {
        byte[] wire = m.toBytes();
        SipMessage again = SipParser.create().parseDatagram(wire);
        assertThat(again.toBytes()).isEqualTo(wire);
        assertThat(describe(again, false)).isEqualTo(describe(m, false));
        assertThat(SipValidator.check(again)).isEmpty();

        SipMessage rebuilt = switch (m) {
            case SipRequest r -> r.toBuilder().build();
            case SipResponse r -> r.toBuilder().build();
        };
        SipMessage reparsed = SipParser.create().parseDatagram(rebuilt.toBytes());
        assertThat(describe(reparsed, true)).isEqualTo(describe(m, true));
        assertThat(SipValidator.check(reparsed)).isEmpty();
        typedValuesPrintAndParseBack(m);
    }

    private static void typedValuesPrintAndParseBack(SipMessage m) {
        if (m instanceof SipRequest r) {
            assertThat(Grammars.URI.parse(r.uri().toString())).isEqualTo(r.uri());
        }
        assertThat(Grammars.ADDRESS.parse(m.from().toString())).isEqualTo(m.from());
        assertThat(Grammars.ADDRESS.parse(m.to().toString())).isEqualTo(m.to());
        assertThat(Grammars.CSEQ.parse(m.cseq().toString())).isEqualTo(m.cseq());
        for (Via v : m.vias()) {
            assertThat(Grammars.VIA.parse(v.toString())).isEqualTo(v);
        }
        for (Contact c : m.contacts()) {
            assertThat(Grammars.CONTACTS.parse(c.toString())).containsExactly(c);
        }
        for (Address a : m.routes()) {
            assertThat(Grammars.ADDRESS.parse(a.toString())).isEqualTo(a);
        }
        for (Address a : m.recordRoutes()) {
            assertThat(Grammars.ADDRESS.parse(a.toString())).isEqualTo(a);
        }
        m.contentType().ifPresent(t -> assertThat(Grammars.CONTENT_TYPE.parse(t.toString())).isEqualTo(t));
    }

    /**
     * @param rebuilt compare as a builder writes a message again: version in upper case,
     *     Content-Length dropped (a builder computes its own)
     * @return start line, fields and body as text
     */
    static String describe(SipMessage m, boolean rebuilt) {
        String version = rebuilt ? m.version().toUpperCase(Locale.ROOT) : m.version();
        StringBuilder sb = new StringBuilder(switch (m) {
            case SipRequest r -> r.method().name() + " " + r.uri() + " " + version;
            case SipResponse r -> version + " " + r.status() + " " + r.reason();
        });
        for (Header h : m.headers()) {
            if (!rebuilt || !HeaderNames.same(h.name(), "Content-Length")) {
                sb.append('\n').append(h.name()).append(": ").append(h.value());
            }
        }
        return sb.append("\n\n").append(HexFormat.of().formatHex(m.body())).toString();
    }
}
