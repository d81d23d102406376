package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Challenge;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Credentials;
import drachtio.api.header.SipUri;
import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserRegistry;
import drachtio.parser.SipParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinHeaderParsersTest {

    private static SipMessage corpus(String file) throws IOException {
        return SipParser.create().parseDatagram(Files.readAllBytes(Path.of("src/test/resources/corpus", file)));
    }

    private static SipMessage parse(String text) {
        return SipParser.create().parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void providerIsNamedDrachtioParserWithWeightZero() {
        BuiltinHeaderParsers p = new BuiltinHeaderParsers();
        assertThat(p.name()).isEqualTo("drachtio.parser");
        assertThat(p.weight()).isZero();
    }

    @Test
    void namesLongFormFirstThenCompactForm() {
        Map<String, List<String>> expected = Map.of("Via", List.of("Via", "v"), "From", List.of("From", "f"),
                "To", List.of("To", "t"), "Contact", List.of("Contact", "m"), "Call-ID", List.of("Call-ID", "i"),
                "Content-Length", List.of("Content-Length", "l"), "Content-Type", List.of("Content-Type", "c"),
                "Refer-To", List.of("Refer-To", "r"), "Referred-By", List.of("Referred-By", "b"),
                "CSeq", List.of("CSeq"));
        Set<String> seen = new HashSet<>();
        for (HeaderParser<?> parser : new BuiltinHeaderParsers().create()) {
            String first = parser.names().getFirst();
            assertThat(seen.add(first)).as(first).isTrue();
            if (expected.containsKey(first)) {
                assertThat(parser.names()).isEqualTo(expected.get(first));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("Via", "From", "To", "Contact", "Route", "Record-Route", "Path",
                "Service-Route", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Expires", "Min-Expires",
                "Content-Type", "WWW-Authenticate", "Proxy-Authenticate", "Authorization", "Proxy-Authorization",
                "Reply-To", "Refer-To", "Referred-By");
    }

    @Test
    void leavesThirdPartyHeadersUnclaimed() {
        HeaderParserRegistry r = HeaderParserRegistry.system();
        assertThat(r.parser("P-Asserted-Identity")).isEmpty();
        assertThat(r.parser("P-Preferred-Identity")).isEmpty();
        assertThat(r.parser("Session-Expires")).isEmpty();
        assertThat(r.parser("x")).isEmpty();
    }

    @Test
    void systemRegistryFindsTheBuiltinsByLongAndCompactName() {
        HeaderParserRegistry r = HeaderParserRegistry.system();
        assertThat(r.parser("v")).isPresent();
        assertThat(r.parser("VIA").orElseThrow()).isSameAs(r.parser("v").orElseThrow());
        assertThat(r.parser("Via").orElseThrow().listValued()).isTrue();
        assertThat(r.parser("Contact").orElseThrow().type()).isEqualTo(Contact.class);
        assertThat(r.parser("Record-Route").orElseThrow().listValued()).isTrue();
        assertThat(r.parser("From").orElseThrow().listValued()).isFalse();
        assertThat(r.parser("i").orElseThrow().type()).isEqualTo(String.class);
        assertThat(r.parser("l").orElseThrow().parse("0")).isEqualTo(0);
        assertThat(r.parser("Min-Expires").orElseThrow().parse("99999999999")).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.parser("WWW-Authenticate").orElseThrow().type()).isEqualTo(Challenge.class);
        assertThat(r.parser("Proxy-Authorization").orElseThrow().type()).isEqualTo(Credentials.class);
        assertThat(r.parser("c").orElseThrow().parse("application/sdp")).isEqualTo(ContentType.of("application", "sdp"));
        assertThat(r.parser("Refer-To").orElseThrow().parse("<sip:a@b?Replaces=x%40y>")).isInstanceOf(Address.class);
    }

    @Test
    void listParsersSplitAndSingleParsersTakeOneValue() {
        HeaderParser<?> via = HeaderParserRegistry.system().parser("Via").orElseThrow();
        assertThat(via.parseList("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP b")).hasSize(2);
        assertThat(via.parse("SIP/2.0/UDP a")).isInstanceOf(Via.class);
        assertThatThrownBy(() -> via.parse("SIP/2.0/UDP a, SIP/2.0/TCP b")).isInstanceOf(SipParseException.class);
        HeaderParser<?> contact = HeaderParserRegistry.system().parser("m").orElseThrow();
        assertThat(contact.parse("*")).isEqualTo(Contact.WILDCARD);
        assertThatThrownBy(() -> contact.parse("<sip:a@b>, <sip:c@d>")).isInstanceOf(SipParseException.class);
        HeaderParser<?> route = HeaderParserRegistry.system().parser("Route").orElseThrow();
        assertThat(route.parseList("<sip:a@b;lr>,<sip:c@d;lr>")).hasSize(2);
    }

    @Test
    void typedAccessorsOnAParsedMessage() {
        SipMessage m = parse("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "f: \"Alice A.\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
                + "i: a84b4c76e66710@pc33.atlanta.example.com\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "m: <sip:alice@pc33.atlanta.example.com>;expires=60, sip:alice@192.0.2.4;q=0.5\r\n"
                + "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
                + "Route: <sip:p3.example.com;lr>\r\n"
                + "Expires: 120\r\n"
                + "c: application/sdp\r\n"
                + "l: 0\r\n\r\n");
        assertThat(m.from().tag()).contains("1928301774");
        assertThat(m.from().displayName()).isEqualTo("Alice A.");
        assertThat(((SipUri) m.from().uri()).user()).isEqualTo("alice");
        assertThat(m.to().displayName()).isEqualTo("Bob");
        assertThat(m.to().tag()).isEmpty();
        assertThat(m.callId()).isEqualTo("a84b4c76e66710@pc33.atlanta.example.com");
        assertThat(m.cseq()).isEqualTo(new CSeq(314159, "INVITE"));
        assertThat(m.topVia().branch()).contains("z9hG4bKnashds8");
        assertThat(m.topVia().hasRport()).isTrue();
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.contacts().get(0).expires()).hasValue(60);
        assertThat(m.contacts().get(1).q()).hasValue(0.5);
        assertThat(m.recordRoutes()).hasSize(2);
        assertThat(m.routes()).hasSize(1);
        assertThat(m.maxForwards()).hasValue(70);
        assertThat(m.expires()).hasValue(120);
        assertThat(m.contentLength()).hasValue(0);
        assertThat(m.contentType()).contains(ContentType.of("application", "sdp"));
    }

    @Test
    void wsinvParsesEveryTypedHeader() throws IOException {
        // RFC 4475 3.1.1.1
        SipMessage m = corpus("rfc4475/wsinv.dat");
        assertThat(m.to().tag()).contains("1918181833n");
        assertThat(m.from().tag()).contains("98asjd8");
        assertThat(m.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(m.maxForwards()).hasValue(68);
        assertThat(m.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(m.vias()).hasSize(3);
        assertThat(m.vias().get(0).host()).isEqualTo("192.0.2.2");
        assertThat(m.vias().get(2).branch()).contains("z9hG4bK30239");
        assertThat(m.contacts()).hasSize(1);
        assertThat(m.contacts().getFirst().q()).hasValue(0.33);
        assertThat(m.routes()).hasSize(1);
    }

    @Test
    void esc02HasTwoContactsNotThree() throws IOException {
        SipMessage m = corpus("rfc4475/esc02.dat");
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.to().displayName()).isEqualTo("%Z%45");
        assertThat(m.topVia().branch()).contains("z9hG4bK209%fzsnel234");
    }

    @Test
    void escnullContactsKeepTheirEscapes() throws IOException {
        SipMessage m = corpus("rfc4475/escnull.dat");
        assertThat(m.contacts()).extracting(c -> ((SipUri) c.uri().orElseThrow()).user()).containsExactly("%00", "%00%00");
        assertThat(((SipUri) m.to().uri()).user()).isEqualTo("null-%00-null");
    }

    @Test
    void regaut01CredentialsWithUnknownScheme() throws IOException {
        SipMessage m = corpus("rfc4475/regaut01.dat");
        Credentials c = m.header("Authorization", Credentials.class).orElseThrow();
        assertThat(c.scheme()).isEqualTo("NoOneKnowsThisScheme");
        assertThat(c.param("opaque-data")).contains("here");
    }

    @Test
    void scalar02CseqIsRefusedButExpiresIsCapped() throws IOException {
        SipMessage m = corpus("rfc4475/scalar02.dat");
        assertThatThrownBy(m::cseq).isInstanceOf(SipParseException.class);
        assertThat(m.expires()).hasValue(Integer.MAX_VALUE);
    }

    @Test
    void baddnFromIsRefusedWithAnOffsetIntoTheMessage() throws IOException {
        SipMessage m = corpus("rfc4475-variants/baddn.dat");
        assertThatThrownBy(m::from).isInstanceOf(SipParseException.class)
                .satisfies(e -> assertThat(((SipParseException) e).offset()).isGreaterThan(0));
    }

    @Test
    void rfc5118MessagesGiveTheirHosts() throws IOException {
        assertThat(corpus("rfc5118-wire/via-received-param-no-delim").topVia().received()).contains("2001:db8::9:255");
        assertThat(corpus("rfc5118-wire/via-received-param-with-delim").topVia().received()).contains("[2001:db8::9:255]");
        SipMessage mapped = corpus("rfc5118-wire/ipv4-mapped-ipv6");
        assertThat(mapped.vias()).extracting(Via::sentBy).containsExactly("[::ffff:192.0.2.10]:19823", "[::ffff:192.0.2.2]");
        assertThat(mapped.contacts().getFirst().address().displayName()).isEqualTo("T. desk phone");
        SipMessage three = corpus("rfc5118-wire/ipv6-bug-abnf-3-colons");
        assertThat(((SipUri) three.to().uri()).host()).isEqualTo("[2001:db8:::192.0.2.1]");
    }

    @Test
    void parsingFromOctetsGivesWhatParsingTheTextGives() {
        Map<String, String> values = Map.of(
                "Via", "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport, SIP/2.0/TCP h;lr",
                "From", "\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774",
                "Contact", "<sip:alice@pc33.atlanta.example.com:5060;transport=udp>;expires=60, <sip:b@h>",
                "Call-ID", "a84b4c76e66710@pc33.atlanta.example.com",
                "CSeq", "314159 INVITE",
                "Content-Length", "316",
                "Expires", "99999999999",
                "Content-Type", "multipart/mixed;boundary=\"x y\"",
                "Authorization", "Digest username=\"bob\", realm=\"b.example.com\", nc=00000001");
        HeaderParserRegistry registry = HeaderParserRegistry.system();
        values.forEach((name, value) -> {
            HeaderParser<?> parser = registry.parser(name).orElseThrow();
            byte[] octets = ("xx" + value + "yy").getBytes(StandardCharsets.US_ASCII);
            if (!parser.listValued()) {
                assertThat(parser.parse(octets, 2, value.length())).as(name).isEqualTo(parser.parse(value));
            }
            assertThat(parser.parseList(octets, 2, value.length())).as(name).isEqualTo(parser.parseList(value));
        });
    }

    @Test
    void parsingFromOctetsReportsOffsetsIntoTheValue() {
        HeaderParser<?> cseq = HeaderParserRegistry.system().parser("CSeq").orElseThrow();
        byte[] octets = "CSeq: 12x INVITE".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> cseq.parse(octets, 6, 10))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.offset()).isEqualTo(2));
        HeaderParser<?> number = HeaderParserRegistry.system().parser("Max-Forwards").orElseThrow();
        assertThatThrownBy(() -> number.parse(octets, 6, 3))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.offset()).isEqualTo(2));
        assertThatThrownBy(() -> number.parse(octets, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
