package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import drachtio.api.header.Header;
import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Whole-message properties: round trip, chunking independence, and nothing but SipParseException. */
class MessagePropertiesTest {
    private static final List<String> SEEDS = List.of(SipParserTest.OK, SipParserTest.OPTIONS,
            "INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
                    + "To: Bob <sip:bob@biloxi.example.com>\r\nCall-ID: 3848276298220188511@atlanta.example.com\r\n"
                    + "CSeq: 1 INVITE\r\nContact: <sip:alice@client.atlanta.example.com;transport=tcp>;expires=60\r\n"
                    + "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
                    + "Content-Type: application/sdp\r\nContent-Length: 10\r\n\r\nv=0\r\ns=-\r\n");

    /** Text that survives UTF-8: any BMP character except the surrogates, which alone are not text. */
    private static final Gen<String> TEXT = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 40)
            .map(s -> s.replaceAll("[\\uD800-\\uDFFF]", "?"));
    private static final Gen<String> TOKEN = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12);

    /** Reads everything a message offers, typed, so lazy parsing is exercised too. */
    private static void touchEverything(SipMessage m) {
        SipValidator.check(m);
        for (String name : List.of("Via", "From", "To", "Call-ID", "CSeq", "Contact", "Route", "Record-Route",
                "Max-Forwards", "Content-Length", "Content-Type", "Expires", "Authorization", "WWW-Authenticate")) {
            try {
                m.headers().all(name, Object.class);
            } catch (SipParseException e) {
                assertThat(e.reason()).isNotBlank();
            }
        }
        m.headers().forEach(h -> assertThat(h.name()).isNotEmpty());
        m.body();
    }

    @Test
    void builtRequestsSurviveEncodeAndParse() {
        Gen<List<Header>> headers = lists().of(TOKEN.zip(strings().basicLatinAlphabet().ofLengthBetween(0, 30),
                (n, v) -> new Header("X-" + n, v.strip().replace("\r", "").replace("\n", "")))).ofSizeBetween(0, 8);
        Gen<Method> methods = arbitrary().pick(List.of(Method.INVITE, Method.REGISTER, Method.of("FOO-BAR"),
                Method.OPTIONS, Method.of("x.y!z")));
        Gen<String[]> userAndHost = TOKEN.zip(TOKEN, (u, h) -> new String[] {u, h});
        qt().withExamples(500).forAll(methods, userAndHost, headers, TEXT)
                .checkAssert((method, uh, extra, body) -> {
                    String user = uh[0];
                    String host = uh[1];
                    SipRequest.Builder b = SipRequest.builder(method, SipUri.of(user, host + ".example"))
                            .header("Via", "SIP/2.0/UDP " + host + ";branch=z9hG4bK" + user)
                            .header("From", "<sip:" + user + "@" + host + ">;tag=" + host)
                            .header("To", "<sip:" + host + "@" + user + ">")
                            .header("Call-ID", user + "@" + host)
                            .header("CSeq", "1 " + method);
                    extra.forEach(h -> b.header(h.name(), h.value()));
                    SipRequest built = b.body("text/plain", body).build();
                    SipRequest parsed = (SipRequest) SipParser.create().parseDatagram(built.toBytes());
                    assertThat(parsed.method()).isEqualTo(built.method());
                    assertThat(parsed.uri()).isEqualTo(built.uri());
                    assertThat(parsed.headers().toList()).isEqualTo(built.headers().toList());
                    assertThat(parsed.body()).isEqualTo(built.body());
                    assertThat(SipValidator.check(parsed)).isEmpty();
                });
    }

    @Test
    void builtResponsesSurviveEncodeAndParse() {
        qt().withExamples(300).forAll(integers().between(100, 699), strings().basicLatinAlphabet().ofLengthBetween(0, 20),
                        TEXT)
                .checkAssert((status, reason, body) -> {
                    SipRequest req = (SipRequest) SipParser.create()
                            .parseDatagram(SipParserTest.OPTIONS.getBytes(StandardCharsets.UTF_8));
                    SipResponse built = SipResponse.replyTo(req, status).reason(reason.strip())
                            .body("text/plain;charset=utf-8", body).build();
                    SipResponse parsed = (SipResponse) SipParser.create().parseDatagram(built.toBytes());
                    assertThat(parsed.status()).isEqualTo(status);
                    assertThat(parsed.reason()).isEqualTo(reason.strip());
                    assertThat(parsed.headers().toList()).isEqualTo(built.headers().toList());
                    assertThat(parsed.bodyText()).isEqualTo(body);
                    assertThat(SipValidator.check(parsed)).isEmpty();
                });
    }

    @Test
    void streamFramingDoesNotDependOnChunking() {
        Gen<List<Integer>> picks = lists().of(integers().between(0, SEEDS.size())).ofSizeBetween(1, 6);
        Gen<List<Integer>> cuts = lists().of(integers().between(1, 64)).ofSizeBetween(1, 40);
        qt().withExamples(400).forAll(picks, cuts).checkAssert((pick, cut) -> {
            StringBuilder sb = new StringBuilder();
            for (int p : pick) {
                sb.append(p == SEEDS.size() ? "\r\n\r\n" : SEEDS.get(p));
            }
            byte[] stream = sb.toString().getBytes(StandardCharsets.UTF_8);
            List<String> whole = frames(stream, List.of(stream.length));
            assertThat(frames(stream, cut)).isEqualTo(whole);
            assertThat(whole).hasSize(pick.size());
        });
    }

    @Test
    void streamFramingOfLargeBodiesDoesNotDependOnChunking() {
        // bodies past the framer's first buffer, in reads from one octet to more than a message:
        // a head whose body comes in a later read sees its octets moved to make room
        String large = SEEDS.get(2).replace("Content-Length: 10\r\n\r\nv=0\r\ns=-\r\n",
                "Content-Length: 6000\r\n\r\n" + "v".repeat(6000));
        List<String> seeds = List.of(SEEDS.get(0), large, SEEDS.get(1));
        Gen<List<Integer>> picks = lists().of(integers().between(0, seeds.size() - 1)).ofSizeBetween(1, 5);
        Gen<List<Integer>> cuts = lists().of(integers().between(1, 9000)).ofSizeBetween(1, 10);
        qt().withExamples(200).forAll(picks, cuts).checkAssert((pick, cut) -> {
            StringBuilder sb = new StringBuilder();
            for (int p : pick) {
                sb.append(seeds.get(p));
            }
            byte[] stream = sb.toString().getBytes(StandardCharsets.UTF_8);
            List<String> whole = frames(stream, List.of(stream.length));
            assertThat(frames(stream, cut)).isEqualTo(whole);
            assertThat(whole).hasSize(pick.size());
        });
    }

    /** Feeds the stream in chunks of the given sizes (cycled), describing every frame. */
    private static List<String> frames(byte[] stream, List<Integer> sizes) {
        StreamFramer f = SipParser.create().newStream();
        List<String> out = new ArrayList<>();
        int pos = 0;
        int i = 0;
        while (pos < stream.length) {
            int n = Math.min(sizes.get(i++ % sizes.size()), stream.length - pos);
            f.feed(stream, pos, n);
            pos += n;
            for (Frame fr = f.next(); !(fr instanceof Frame.NeedMoreBytes); fr = f.next()) {
                out.add(switch (fr) {
                    case Frame.Message m -> m.streamOffset() + ":" + new String(m.message().toBytes(), StandardCharsets.UTF_8);
                    case Frame.KeepAlive k -> "ping";
                    case Frame.NeedMoreBytes n2 -> throw new AssertionError();
                });
            }
        }
        return out;
    }

    @Test
    void arbitraryBytesOnlyEverRaiseSipParseException() {
        Gen<byte[]> garbage = lists().of(integers().between(0, 255)).ofSizeBetween(0, 300).map(MessagePropertiesTest::toBytes);
        qt().withExamples(3000).forAll(garbage).checkAssert(MessagePropertiesTest::parseAnything);
    }

    @Test
    void mutatedMessagesOnlyEverRaiseSipParseException() {
        Gen<Integer> seed = integers().between(0, SEEDS.size() - 1);
        Gen<List<Integer>> edits = lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 8);
        byte[] interesting = ":;,<>\"\\@[]=%/ \t\r\n\0\u00ff0123456789zZ".getBytes(StandardCharsets.ISO_8859_1);
        qt().withExamples(5000).forAll(seed, edits).checkAssert((s, ed) -> {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : SEEDS.get(s).getBytes(StandardCharsets.UTF_8)) {
                bytes.add(b);
            }
            for (int e : ed) {
                int at = (e >>> 4) % (bytes.size() + 1);
                byte with = interesting[(e >>> 20) % interesting.length];
                switch (e & 3) {
                    case 0 -> bytes.add(at, with);
                    case 1 -> {
                        if (at < bytes.size()) {
                            bytes.remove(at);
                        }
                    }
                    default -> {
                        if (at < bytes.size()) {
                            bytes.set(at, with);
                        }
                    }
                }
            }
            byte[] wire = new byte[bytes.size()];
            for (int i = 0; i < wire.length; i++) {
                wire[i] = bytes.get(i);
            }
            parseAnything(wire);
        });
    }

    private static void parseAnything(byte[] wire) {
        try {
            touchEverything(SipParser.create().parseDatagram(wire));
        } catch (SipParseException e) {
            assertThat(e.reason()).isNotBlank();
        }
        StreamFramer f = SipParser.create().newStream();
        f.feed(wire, 0, wire.length);
        try {
            for (Frame fr = f.next(); !(fr instanceof Frame.NeedMoreBytes); fr = f.next()) {
                if (fr instanceof Frame.Message m) {
                    touchEverything(m.message());
                }
            }
        } catch (SipParseException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    private static byte[] toBytes(List<Integer> values) {
        byte[] b = new byte[values.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = values.get(i).byteValue();
        }
        return b;
    }

    @Test
    void headersMaterialiseIdenticallyFromEveryEntryPoint() {
        for (String seed : SEEDS) {
            SipMessage m = SipParser.create().parseDatagram(seed.getBytes(StandardCharsets.UTF_8));
            List<Header> list = m.headers().toList();
            List<Header> iterated = new ArrayList<>();
            m.headers().forEach(iterated::add);
            assertThat(iterated).isEqualTo(list);
            assertThat(Arrays.asList(m.headers().toString().split("\r\n"))).hasSize(list.size());
        }
    }
}
