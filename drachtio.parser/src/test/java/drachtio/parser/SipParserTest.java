package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Header;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipParserTest {
    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
            + "To: <sip:bob@biloxi.com>;tag=a6c85cf\r\n"
            + "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "abcd";

    static final String OPTIONS = "OPTIONS sip:carol@chicago.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:carol@chicago.com>\r\n"
            + "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710\r\n"
            + "CSeq: 63104 OPTIONS\r\n"
            + "Accept: application/sdp\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private static SipMessage parse(String text) {
        return SipParser.create().parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesAResponseWithoutTouchingItsHeaderValues() {
        SipResponse r = (SipResponse) parse(OK);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.version()).isEqualTo("SIP/2.0");
        assertThat(r.headers().size()).isEqualTo(6);
        assertThat(r.header("call-id")).contains("a84b4c76e66710@pc33.atlanta.com");
        assertThat(r.bodyText()).isEqualTo("abcd");
    }

    @Test
    void keepsTheReceivedOctetsForForwarding() {
        byte[] wire = OK.getBytes(StandardCharsets.UTF_8);
        assertThat(SipParser.create().parseDatagram(wire).toBytes()).isEqualTo(wire);
    }

    @Test
    void copiesTheDatagramSoTheCallerMayReuseItsBuffer() {
        byte[] wire = OK.getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipParser.create().parseDatagram(wire);
        java.util.Arrays.fill(wire, (byte) 'x');
        assertThat(m.header("CSeq")).contains("314159 INVITE");
    }

    @Test
    void parsesADatagramInsideALargerBuffer() {
        byte[] wire = ("garbage" + OK + "trailer").getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipParser.create().parseDatagram(wire, 7, OK.length());
        assertThat(m.bodyText()).isEqualTo("abcd");
    }

    @Test
    void anOwnedDatagramIsParsedInPlaceAndGivesTheSameMessage() {
        byte[] wire = (OK + "trailer").getBytes(StandardCharsets.UTF_8);
        SipMessage owned = SipParser.create().parseOwnedDatagram(wire, OK.length());
        SipMessage copied = SipParser.create().parseDatagram(wire, 0, OK.length());
        assertThat(owned.toBytes()).isEqualTo(copied.toBytes()).isEqualTo(OK.getBytes(StandardCharsets.UTF_8));
        assertThat(owned.from()).isEqualTo(copied.from());
        assertThat(owned.headers().valueOffset(1)).isEqualTo(copied.headers().valueOffset(1));
        assertThat(owned.bodyText()).isEqualTo("abcd");
        // the message reads the array it was handed, which shows that nothing was copied
        wire[OK.indexOf("314159")] = '9';
        assertThat(owned.header("CSeq")).contains("914159 INVITE");
    }

    @Test
    void anOwnedDatagramWithLeadingLineBreaksIsCopiedSoOffsetsStayRelative() {
        byte[] wire = ("\r\n" + OK).getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipParser.create().parseOwnedDatagram(wire, wire.length);
        assertThat(m.headers().valueOffset(0)).isEqualTo(OK.indexOf("SIP/2.0/UDP"));
        assertThat(m.toBytes()).isEqualTo(OK.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyKnownMethodIsTheConstantAndOthersAreExtensionMethods() {
        for (Method m : new Method[] {Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL, Method.OPTIONS,
            Method.REGISTER, Method.PRACK, Method.SUBSCRIBE, Method.NOTIFY, Method.PUBLISH, Method.INFO, Method.REFER,
            Method.MESSAGE, Method.UPDATE}) {
            SipRequest r = (SipRequest) parse(OPTIONS.replace("OPTIONS", m.name()));
            assertThat(r.method()).as(m.name()).isSameAs(m);
            assertThat(r.version()).isSameAs(parse(OPTIONS).version());
        }
        for (String other : new String[] {"SUBSCRIBF", "invite", "INVITEX", "BY", "FOO.BAR"}) {
            SipRequest r = (SipRequest) parse(OPTIONS.replace("OPTIONS", other));
            assertThat(r.method().name()).isEqualTo(other);
            assertThat(r.method().known()).as(other).isFalse();
        }
        assertThat(parse(OPTIONS.replace("SIP/2.0\r\nVia", "SIP/2.1\r\nVia")).version()).isEqualTo("SIP/2.1");
    }

    @Test
    void requestLineGivesMethodUriAndVersion() {
        SipRequest r = (SipRequest) parse(OPTIONS);
        assertThat(r.method().name()).isEqualTo("OPTIONS");
        assertThat(r.uri().toString()).isEqualTo("sip:carol@chicago.com");
        assertThat(r.requestLine()).isEqualTo("OPTIONS sip:carol@chicago.com SIP/2.0");
    }

    @Test
    void headerLookupIgnoresCaseKeepsWireCaseAndKnowsCompactForms() {
        SipMessage m = parse("SIP/2.0 180 Ringing\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCALL-ID: x@y\r\n"
                + "x-Custom-Thing: one\r\nX-CUSTOM-THING: two\r\nl: 0\r\n\r\n");
        assertThat(m.headers().name(0)).isEqualTo("v");
        assertThat(m.header("Via")).contains("SIP/2.0/UDP h;branch=z9hG4bK1");
        assertThat(m.headers().name(1)).isEqualTo("CALL-ID");
        assertThat(m.header("i")).contains("x@y");
        assertThat(m.headers().all("X-Custom-Thing")).containsExactly("one", "two");
        assertThat(m.header("Content-Length")).contains("0");
    }

    @Test
    void unfoldsContinuationLines() {
        SipMessage m = parse("SIP/2.0 200 OK\r\nSubject: first\r\n  second\r\n\tthird\r\nTO :\r\n <sip:a@b>\r\n\r\n");
        assertThat(m.header("Subject")).contains("first second third");
        assertThat(m.header("To")).contains("<sip:a@b>");
    }

    @Test
    void decodesUtf8HeaderValues() {
        SipMessage m = parse("SIP/2.0 200 OK\r\nFrom: \"Zoë 日本\" <sip:z@example.com>\r\n\r\n");
        assertThat(m.header("From")).contains("\"Zoë 日本\" <sip:z@example.com>");
    }

    @Test
    void emptyValueIsAllowed() {
        assertThat(parse("SIP/2.0 200 OK\r\nSubject:\r\ns :  \r\n\r\n").headers().all("Subject"))
                .containsExactly("", "");
    }

    @Test
    void acceptsBareLineFeeds() {
        SipMessage m = parse(OK.replace("\r\n", "\n"));
        assertThat(m.header("CSeq")).contains("314159 INVITE");
        assertThat(m.bodyText()).isEqualTo("abcd");
    }

    @Test
    void skipsLeadingLineBreaksInADatagram() {
        assertThat(((SipResponse) parse("\r\n\r\n" + OK)).status()).isEqualTo(200);
    }

    @Test
    void withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        SipMessage m = parse("SIP/2.0 200 OK\r\nTo: <sip:a@b>\r\n\r\nrest of it");
        assertThat(m.bodyText()).isEqualTo("rest of it");
    }

    @Test
    void ignoresOctetsAfterTheDeclaredBody() {
        SipMessage m = parse(OK + "this is another message");
        assertThat(m.bodyText()).isEqualTo("abcd");
    }

    @Test
    void refusesContentLengthBeyondTheDatagram() {
        assertThatThrownBy(() -> parse(OK.replace("Content-Length: 4", "Content-Length: 40")))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("Content-Length 40 is larger");
    }

    @Test
    void refusesNegativeContentLengthWithItsOffset() {
        String text = OK.replace("Content-Length: 4", "Content-Length: -4");
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(SipParseException.class,
                        e -> assertThat(e.offset()).isEqualTo(text.indexOf("-4")));
    }

    @Test
    void refusesConflictingContentLengths() {
        assertThatThrownBy(() -> parse(OK.replace("Content-Length: 4", "Content-Length: 4\r\nl: 5")))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("conflicting");
    }

    @Test
    void refusesAHeaderSectionWithoutItsEmptyLine() {
        assertThatThrownBy(() -> parse("SIP/2.0 200 OK\r\nTo: <sip:a@b>\r\n"))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("empty line");
    }

    @Test
    void refusesAHeaderLineWithoutColon() {
        String text = "SIP/2.0 200 OK\r\nTo <sip:a@b>\r\n\r\n";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.reason()).contains("colon");
                    assertThat(e.offset()).isEqualTo(text.indexOf("<sip"));
                });
    }

    @Test
    void refusesControlCharactersInHeaders() {
        assertThatThrownBy(() -> parse("SIP/2.0 200 OK\r\nSubject: a\0b\r\n\r\n"))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void refusesStatusCodesThatAreNotThreeDigits() {
        assertThatThrownBy(() -> parse("SIP/2.0 4294967301 better not break the receiver\r\n\r\n"))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("three digits");
        assertThatThrownBy(() -> parse("SIP/2.0 20 OK\r\n\r\n")).isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesARequestLineWithoutVersion() {
        assertThatThrownBy(() -> parse("INVITE sip:a@b\r\n\r\n"))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("request line");
    }

    @Test
    void refusesAnEmptyDatagram() {
        assertThatThrownBy(() -> SipParser.create().parseDatagram(new byte[0]))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> parse("\r\n\r\n")).isInstanceOf(SipParseException.class);
    }

    @Test
    void limitsAreEnforcedPerParserWith513() {
        SipParser small = SipParser.create(ParserLimits.builder().maxMessageSize(100).maxHeaders(3)
                .maxLineLength(40).build());
        byte[] wire = OK.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> small.parseDatagram(wire))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(513));
        SipParser fewHeaders = SipParser.create(ParserLimits.builder().maxHeaders(3).build());
        assertThatThrownBy(() -> fewHeaders.parseDatagram(wire))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(513);
                    assertThat(e.reason()).contains("more than 3 header fields");
                });
        SipParser shortLines = SipParser.create(ParserLimits.builder().maxLineLength(40).build());
        assertThatThrownBy(() -> shortLines.parseDatagram(wire))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).contains("longer than 40"));
        assertThat(SipParser.create().limits()).isEqualTo(ParserLimits.defaults());
    }

    @Test
    void parsesEveryHeaderFieldUpToTheDefaultLimit() {
        // 122 fields and more once made the field table grow to a size that is no whole number of fields
        for (int fields : new int[] {121, 122, 200, 256}) {
            StringBuilder sb = new StringBuilder(OPTIONS.replace("Content-Length: 0\r\n\r\n", ""));
            int extra = fields - 8;
            for (int i = 0; i < extra; i++) {
                sb.append("X-Filler: ").append(i).append("\r\n");
            }
            SipMessage m = parse(sb.append("Content-Length: 0\r\n\r\n").toString());
            assertThat(m.headers().size()).isEqualTo(fields);
            assertThat(m.headers().all("X-Filler")).hasSize(extra).endsWith(Integer.toString(extra - 1));
            assertThat(m.contentLength()).hasValue(0);
        }
        StringBuilder tooMany = new StringBuilder(OPTIONS);
        tooMany.setLength(tooMany.length() - 2);
        for (int i = 0; i < 250; i++) {
            tooMany.append("X-Filler: ").append(i).append("\r\n");
        }
        assertThatThrownBy(() -> parse(tooMany.append("\r\n").toString()))
                .isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.reason()).contains("more than 256"));
    }

    @Test
    void aFoldHoldingOnlyWhiteSpaceAtTheEndOfAValueIsNotPartOfIt() {
        SipMessage m = parse(OPTIONS.replace("Accept: application/sdp\r\n", "Accept: application/sdp\r\n \r\n\t\r\n"));
        // it once came back as "application/sdp " (the fold turned into a trailing space)
        assertThat(m.header("Accept")).contains("application/sdp");
        assertThat(m.headers().toList()).contains(new Header("Accept", "application/sdp"));
        SipMessage from = parse(OPTIONS.replace(";tag=1928301774\r\n", ";tag=1928301774\r\n \r\n"));
        assertThat(from.header("From")).contains("Alice <sip:alice@atlanta.com>;tag=1928301774");
        assertThat(from.from().tag()).contains("1928301774");
    }

    @Test
    void limitsRejectNonsense() {
        assertThatThrownBy(() -> ParserLimits.builder().maxHeaders(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
