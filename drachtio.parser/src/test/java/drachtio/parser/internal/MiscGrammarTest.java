package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.CSeq;
import drachtio.api.header.ContentType;
import drachtio.api.header.Parameters;
import drachtio.api.message.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiscGrammarTest {

    @Test
    void cseqAllowsLeadingZerosAndAnyWhitespace() {
        // RFC 4475 wsinv (unfolded)
        assertThat(MiscGrammar.cseq("0009 INVITE")).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(MiscGrammar.cseq("9 \t   INVITE")).isEqualTo(new CSeq(9, "INVITE"));
        // RFC 4475 intmeth
        assertThat(MiscGrammar.cseq("139122385 !interesting-Method0123456789_*+`.%indeed'~").method())
                .isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
    }

    @Test
    void cseqAcceptsUpTo32BitsAndRejectsMore() {
        assertThat(MiscGrammar.cseq("4294967295 ACK").sequence()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> MiscGrammar.cseq("4294967296 ACK")).isInstanceOf(SipParseException.class);
        // RFC 4475 scalar02
        assertThatThrownBy(() -> MiscGrammar.cseq("36893488147419103232 REGISTER")).isInstanceOf(SipParseException.class);
        // 1*DIGIT: leading zeros count for nothing (the value is what must fit in 32 bits)
        assertThat(MiscGrammar.cseq("00000000001 ACK").sequence()).isEqualTo(1);
        assertThat(MiscGrammar.cseq(("0".repeat(30) + "4294967295 ACK").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                0, 44).sequence()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> MiscGrammar.cseq("0004294967296 ACK")).isInstanceOf(SipParseException.class);
    }

    @Test
    void cseqRejectsMissingPartsAndNonTokenMethods() {
        for (String bad : List.of("", "1", "1 ", "INVITE", "1INVITE", "1 INV ITE", "1 INV@", "-1 ACK", " 1 ACK")) {
            assertThatThrownBy(() -> MiscGrammar.cseq(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void callIdIsWordAtWord() {
        assertThat(MiscGrammar.callId("wsinv.ndaksdj@192.0.2.1")).isEqualTo("wsinv.ndaksdj@192.0.2.1");
        // RFC 4475 intmeth
        assertThat(MiscGrammar.callId("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{"))
                .isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        for (String bad : List.of("", "a b", "a@", "@b", "a@b@c", "a;b")) {
            assertThatThrownBy(() -> MiscGrammar.callId(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void numberAllowsLeadingZerosAndStaysBelow2To31() {
        assertThat(MiscGrammar.number("0068")).isEqualTo(68);
        assertThat(MiscGrammar.number("2147483647")).isEqualTo(Integer.MAX_VALUE);
        for (String bad : List.of("", "2147483648", "-1", "1 ", "1a", "99999999999999999999")) {
            assertThatThrownBy(() -> MiscGrammar.number(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void deltaSecondsCapsAtMaxInt() {
        // RFC 4475 scalar02 Expires: 100 digits
        assertThat(MiscGrammar.deltaSeconds("1".repeat(100))).isEqualTo(Integer.MAX_VALUE);
        assertThat(MiscGrammar.deltaSeconds("3600")).isEqualTo(3600);
        assertThatThrownBy(() -> MiscGrammar.deltaSeconds("")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> MiscGrammar.deltaSeconds("-1")).isInstanceOf(SipParseException.class);
    }

    @Test
    void contentTypeKeepsParametersAsWritten() {
        ContentType t = MiscGrammar.contentType("multipart/mixed;boundary=7a9cbec02ceef655");
        assertThat(t.multipart()).isTrue();
        assertThat(t.boundary()).contains("7a9cbec02ceef655");
        ContentType q = MiscGrammar.contentType("text / plain ; charset = \"utf-8\" ;format=flowed");
        assertThat(q).isEqualTo(new ContentType("text", "plain", Parameters.of("charset", "\"utf-8\"", "format", "flowed")));
        assertThat(q.charset()).contains("utf-8");
        // RFC 4475 invut
        assertThat(MiscGrammar.contentType("application/unknownformat").mediaType()).isEqualTo("application/unknownformat");
    }

    @Test
    void contentTypeRejectsMalformedTypes() {
        for (String bad : List.of("", "text", "text/", "/plain", "text/plain;", "text/plain x", "text/pl@in")) {
            assertThatThrownBy(() -> MiscGrammar.contentType(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }
}
