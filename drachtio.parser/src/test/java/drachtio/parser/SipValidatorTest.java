package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipValidatorTest {
    private static SipMessage parse(String text) {
        return SipParser.create().parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Violation violation(String text) {
        return SipValidator.check(parse(text)).orElseThrow(() -> new AssertionError("expected a violation"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "s: one|Subject: two",
        "Date: Sat, 13 Nov 2010 23:29:00 GMT|Date: Sun, 14 Nov 2010 23:29:00 GMT",
        "Timestamp: 54|Timestamp: 55",
        "User-Agent: a|User-Agent: b",
        "Server: a|Server: b",
        "Content-Disposition: session|Content-Disposition: render",
        "MIME-Version: 1.0|MIME-Version: 1.0",
        "Priority: urgent|Priority: normal",
        "Reply-To: <sip:a@b>|Reply-To: <sip:c@d>",
        "Organization: a|Organization: b",
        "Retry-After: 5|Retry-After: 6",
    })
    void aSingleValueHeaderMayAppearOnce(String first, String second) {
        String once = SipParserTest.OPTIONS.replace("Accept: application/sdp\r\n", first + "\r\n");
        String twice = SipParserTest.OPTIONS.replace("Accept: application/sdp\r\n", first + "\r\n" + second + "\r\n");

        // RFC 3261 7.3.1: only a comma-separated list header may come in several fields
        assertThat(SipValidator.check(parse(once))).isEmpty();
        assertThat(violation(twice).reason()).startsWith("more than one ");
    }

    @Test
    void aSingleValueHeaderWithTwoValuesInOneFieldIsRefused() {
        String text = SipParserTest.OK.replace("CSeq: 314159 INVITE\r\n", "CSeq: 314159 REGISTER\r\nMin-Expires: 60, 3600\r\n")
                .replace("SIP/2.0 200 OK", "SIP/2.0 423 Interval Too Brief");

        assertThat(SipValidator.check(parse(text))).as("Min-Expires: 60, 3600").isPresent();
    }

    @Test
    void leadingZerosInCSeqAndContentLengthAreDigitsLikeAnyOther() {
        // 1*DIGIT (RFC 3261 25.1); the 2^31 bound is on the value (8.1.1.5)
        assertThat(SipValidator.check(parse(SipParserTest.OPTIONS.replace("CSeq: 63104 OPTIONS",
                "CSeq: 00000000001 OPTIONS")))).isEmpty();
        assertThat(SipValidator.check(parse(SipParserTest.OPTIONS.replace("Content-Length: 0\r\n",
                "Content-Length: 00000000000\r\n")))).isEmpty();
        assertThat(violation(SipParserTest.OPTIONS.replace("CSeq: 63104 OPTIONS", "CSeq: 0000002147483648 OPTIONS"))
                .status()).isEqualTo(400);
        assertThatThrownBy(() -> parse(SipParserTest.OPTIONS.replace("Content-Length: 0\r\n",
                "Content-Length: 99999999999999999999\r\n"))).isInstanceOf(SipParseException.class);
    }

    @Test
    void acceptsWellFormedMessages() {
        assertThat(SipValidator.check(parse(SipParserTest.OPTIONS))).isEmpty();
        assertThat(SipValidator.check(parse(SipParserTest.OK))).isEmpty();
    }

    @Test
    void otherVersionsGet505() {
        Violation v = violation(SipParserTest.OPTIONS.replace(" SIP/2.0\r\n", " SIP/7.0\r\n"));
        assertThat(v.status()).isEqualTo(505);
    }

    @Test
    void eachMandatoryHeaderIsRequired() {
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            String text = SipParserTest.OPTIONS.replaceFirst("(?m)^" + name + ":[^\r]*\r\n", "");
            assertThat(violation(text).reason()).isEqualTo("missing " + name + " header");
        }
    }

    @Test
    void singleValueHeadersMayAppearOnce() {
        String text = SipParserTest.OPTIONS.replace("CSeq: 63104 OPTIONS\r\n",
                "CSeq: 63104 OPTIONS\r\nCSeq: 63105 OPTIONS\r\n");
        Violation v = violation(text);
        assertThat(v.reason()).isEqualTo("more than one CSeq header");
        assertThat(v.offset()).isEqualTo(text.indexOf("63105"));
    }

    @Test
    void cseqMethodMustMatchTheRequest() {
        assertThat(violation(SipParserTest.OPTIONS.replace("63104 OPTIONS", "63104 INVITE")).reason())
                .contains("CSeq method");
    }

    @Test
    void scalarRangesAreChecked() {
        assertThat(violation(SipParserTest.OPTIONS.replace("63104 OPTIONS", "2147483648 OPTIONS")).reason())
                .contains("2^31");
        assertThat(SipValidator.check(parse(SipParserTest.OPTIONS.replace("63104 OPTIONS", "2147483647 OPTIONS"))))
                .isEmpty();
        assertThat(violation(SipParserTest.OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 256")).reason())
                .contains("Max-Forwards");
        assertThat(SipValidator.check(parse(SipParserTest.OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 0"))))
                .isEmpty();
    }

    @Test
    void malformedTypedHeadersAreReportedWithTheirOffset() {
        String text = SipParserTest.OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: seventy");
        Violation v = violation(text);
        assertThat(v.status()).isEqualTo(400);
        assertThat(v.offset()).isGreaterThanOrEqualTo(text.indexOf("seventy"));
    }

    @Test
    void contentLengthMustMatchABuiltMessagesBody() {
        SipRequest built = SipRequest.builder(Method.OPTIONS, SipUri.of("a", "b"))
                .header("Via", "SIP/2.0/UDP h;branch=z9hG4bK1").header("From", "<sip:a@b>;tag=1")
                .header("To", "<sip:a@b>").header("Call-ID", "c@d").header("CSeq", "1 OPTIONS")
                .body("text/plain", "hello").build();
        assertThat(SipValidator.check(built)).isEmpty();
    }

    @Test
    void validateThrowsWhatCheckReports() {
        SipResponse r = (SipResponse) parse(SipParserTest.OK.replace("CSeq: 314159 INVITE\r\n", ""));
        assertThatThrownBy(() -> SipValidator.validate(r))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("missing CSeq header");
                });
    }
}
