package drachtio.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The four messages the parser benchmarks feed to each parser, byte for byte as they would
 * arrive in a UDP datagram. Every line ends in CRLF (written as {@code \r} before the text
 * block's own line end) and each Content-Length counts the body exactly; the smoke test
 * checks both.
 */
public final class Messages {

    /** A 932-octet INVITE from a softphone, with a 316-octet SDP offer. */
    public static final String INVITE = """
            INVITE sip:bob@biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r
            Max-Forwards: 70\r
            To: Bob <sip:bob@biloxi.example.com>\r
            From: "Alice Liddell" <sip:alice@atlanta.example.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r
            CSeq: 314159 INVITE\r
            Contact: <sip:alice@pc33.atlanta.example.com:5060;transport=udp>\r
            Content-Type: application/sdp\r
            Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, UPDATE, PRACK\r
            Supported: replaces, timer, 100rel\r
            User-Agent: drachtio-bench/1.0 (softphone)\r
            Content-Length: 316\r
            \r
            v=0\r
            o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r
            s=-\r
            c=IN IP4 192.0.2.101\r
            t=0 0\r
            m=audio 49172 RTP/AVP 0 8 18 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:18 G729/8000\r
            a=fmtp:18 annexb=no\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-15\r
            a=ptime:20\r
            a=maxptime:150\r
            a=sendrecv\r
            """;

    /** The 200 OK to that INVITE as it comes back through two proxies. */
    public static final String OK200 = """
            SIP/2.0 200 OK\r
            Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bKnashds8;received=192.0.2.3\r
            Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;received=192.0.2.101;rport=5060\r
            Record-Route: <sip:p2.biloxi.example.com;lr>, <sip:p1.atlanta.example.com;lr>\r
            To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r
            From: "Alice Liddell" <sip:alice@atlanta.example.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r
            CSeq: 314159 INVITE\r
            Contact: <sip:bob@192.0.2.4:5060>\r
            Content-Length: 0\r
            \r
            """;

    /** A REGISTER answering a digest challenge. */
    public static final String REGISTER = """
            REGISTER sip:registrar.biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport\r
            Max-Forwards: 70\r
            To: Bob <sip:bob@biloxi.example.com>\r
            From: Bob <sip:bob@biloxi.example.com>;tag=456248\r
            Call-ID: 843817637684230@998sdasdh09\r
            CSeq: 1827 REGISTER\r
            Authorization: Digest username="bob", realm="biloxi.example.com", \
            nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:registrar.biloxi.example.com", \
            response="6629fae49393a05397450978507c4ef1", algorithm=MD5, qop=auth, nc=00000001, \
            cnonce="0a4f113b"\r
            Contact: <sip:bob@192.0.2.4:5060;transport=udp>;expires=3600\r
            Expires: 7200\r
            Content-Length: 0\r
            \r
            """;

    /** A short keep-alive OPTIONS. */
    public static final String OPTIONS = """
            OPTIONS sip:carol@chicago.example.com SIP/2.0\r
            Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r
            Max-Forwards: 70\r
            To: <sip:carol@chicago.example.com>\r
            From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710\r
            CSeq: 63104 OPTIONS\r
            Contact: <sip:alice@pc33.atlanta.example.com>\r
            Accept: application/sdp\r
            Content-Length: 0\r
            \r
            """;

    /** By the names the benchmark's {@code message} parameter takes. */
    public static final Map<String, String> BY_NAME = Map.of(
            "invite", INVITE, "ok200", OK200, "register", REGISTER, "options", OPTIONS);

    private Messages() {
    }

    /**
     * @param name one of {@code invite}, {@code ok200}, {@code register}, {@code options}
     * @return a fresh copy of that message's octets
     */
    public static byte[] bytes(String name) {
        String text = BY_NAME.get(name);
        if (text == null) {
            throw new IllegalArgumentException("no message named " + name + "; known: " + BY_NAME.keySet());
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
