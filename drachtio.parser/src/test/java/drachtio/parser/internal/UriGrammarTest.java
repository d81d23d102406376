package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import drachtio.api.header.Uri;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.AsciiChars;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UriGrammarTest {

    private static SipUri sip(String s) {
        Uri u = UriGrammar.uri(s);
        assertThat(u).isInstanceOf(SipUri.class);
        return (SipUri) u;
    }

    private static SipParseException rejected(String s) {
        try {
            UriGrammar.uri(s);
        } catch (SipParseException e) {
            return e;
        }
        throw new AssertionError("accepted: " + s);
    }

    @Test
    void parsesUserHostPortParametersAndHeaders() {
        SipUri u = sip("sip:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=project&priority=urgent");
        assertThat(u.secure()).isFalse();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("atlanta.example.com");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.parameters()).isEqualTo(Parameters.of("transport", "tcp", "lr", null));
        assertThat(u.headers()).isEqualTo(Parameters.of("subject", "project", "priority", "urgent"));
        assertThat(u.lr()).isTrue();
    }

    @Test
    void schemeIsCaseInsensitiveAndSipsIsSecure() {
        assertThat(sip("SIP:a@b").secure()).isFalse();
        assertThat(sip("SiPs:a@b").secure()).isTrue();
        assertThat(UriGrammar.sipUri("sips:b").toString()).isEqualTo("sips:b");
    }

    @Test
    void hostOnlyUriHasNoUserAndNoPort() {
        SipUri u = sip("sip:example.com");
        assertThat(u.user()).isNull();
        assertThat(u.password()).isNull();
        assertThat(u.port()).isEqualTo(-1);
    }

    @Test
    void keepsEscapesExactly() {
        // RFC 4475 esc01
        SipUri r = sip("sip:sips%3Auser%40example.com@example.net");
        assertThat(r.user()).isEqualTo("sips%3Auser%40example.com");
        assertThat(r.host()).isEqualTo("example.net");
        SipUri c = sip("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
        assertThat(c.user()).isEqualTo("cal%6Cer");
        assertThat(c.parameters()).isEqualTo(Parameters.of("%6C%72", null, "n%61me", "v%61lue%25%34%31"));
        assertThat(sip("sip:%75se%72@example.com").user()).isEqualTo("%75se%72");
        assertThat(sip("sip:I%20have%20spaces@example.net").user()).isEqualTo("I%20have%20spaces");
    }

    @Test
    void keepsEscapedNullsAsDistinctUsers() {
        // RFC 4475 escnull
        assertThat(sip("sip:null-%00-null@example.com").user()).isEqualTo("null-%00-null");
        assertThat(sip("sip:%00@host5.example.com").user()).isEqualTo("%00");
        assertThat(sip("sip:%00%00@host5.example.com").user()).isEqualTo("%00%00");
        assertThat(sip("sip:null-%00-null@example.com")).isNotEqualTo(sip("sip:null-%2500-null@example.com"));
    }

    @Test
    void rejectsBrokenEscapes() {
        assertThat(rejected("sip:a%4@b").offset()).isEqualTo(5);
        rejected("sip:a%zz@b");
        rejected("sip:a@b;x=%");
    }

    @Test
    void userPartMayHoldSemicolonsQuestionMarksAndSlashes() {
        // RFC 4475 semiuri
        SipUri u = sip("sip:user;par=u%40example.net@example.com");
        assertThat(u.user()).isEqualTo("user;par=u%40example.net");
        assertThat(u.host()).isEqualTo("example.com");
        assertThat(u.parameters().isEmpty()).isTrue();
    }

    @Test
    void parsesTheIntmethUserAndPassword() {
        // RFC 4475 intmeth Request-URI
        SipUri u = sip("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)"
                + "@example.com");
        assertThat(u.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(u.password()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(u.host()).isEqualTo("example.com");
    }

    @Test
    void keepsIpv6BracketsAndNoPortInsideBrackets() {
        // RFC 5118 4.3
        SipUri u = sip("sip:[2001:db8::10:5070]");
        assertThat(u.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(u.port()).isEqualTo(-1);
    }

    @Test
    void portAfterIpv6BracketsIsThePort() {
        // RFC 5118 4.4
        SipUri u = sip("sip:[2001:db8::10]:5070");
        assertThat(u.host()).isEqualTo("[2001:db8::10]");
        assertThat(u.port()).isEqualTo(5070);
    }

    @Test
    void rejectsUnbracketedIpv6Host() {
        // RFC 5118 4.2
        rejected("sip:user@2001:db8::10");
        rejected("sip:2001:db8::10");
    }

    @Test
    void acceptsThreeColonIpv6AndIpv4MappedAddresses() {
        // RFC 5118 4.10 and 4.9
        assertThat(sip("sip:user@[2001:db8:::192.0.2.1]").host()).isEqualTo("[2001:db8:::192.0.2.1]");
        assertThat(sip("sip:user@[2001:db8::192.0.2.1]").host()).isEqualTo("[2001:db8::192.0.2.1]");
        assertThat(sip("sip:ted@[::ffff:192.0.2.2]").host()).isEqualTo("[::ffff:192.0.2.2]");
        assertThat(sip("sip:[::1]").host()).isEqualTo("[::1]");
        assertThat(sip("sip:[1:2:3:4:5:6:7:8]:1").port()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedIpv6References() {
        rejected("sip:[2001:db8::10");
        rejected("sip:[1:2:3:4:5:6:7:8:9]");
        rejected("sip:[1::2::3]");
        rejected("sip:[12345::1]");
        rejected("sip:[::ffff:192.0.2.256]");
        rejected("sip:[:1]");
        rejected("sip:[1.2.3.4]");
    }

    @Test
    void checksPortRange() {
        assertThat(sip("sip:h:0").port()).isZero();
        assertThat(sip("sip:h:65535").port()).isEqualTo(65535);
        assertThat(sip("sip:h:05060").port()).isEqualTo(5060);
        rejected("sip:h:65536");
        rejected("sip:h:123456");
        rejected("sip:h:");
        rejected("sip:h:5a");
    }

    @Test
    void uriParameterValuesMayHoldIpv6AndParamUnreservedCharacters() {
        SipUri u = sip("sip:h;maddr=[2001:db8::1];x=a/b:c&d+e$f");
        assertThat(u.maddr()).contains("[2001:db8::1]");
        assertThat(u.parameters().get("x")).contains("a/b:c&d+e$f");
    }

    @Test
    void parsesEscapedUriHeaders() {
        // RFC 4475 regescrt / escruri
        SipUri u = sip("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
        assertThat(u.headers()).isEqualTo(Parameters.of("Route", "%3Csip:sip.example.com%3E"));
        assertThat(u.toString()).isEqualTo("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    }

    @Test
    void parsesTelUris() {
        Uri u = UriGrammar.uri("tel:+1-201-555-0123;phone-context=example.com;isub=1");
        assertThat(u).isEqualTo(new TelUri("+1-201-555-0123", Parameters.of("phone-context", "example.com", "isub", "1")));
        assertThat(((TelUri) UriGrammar.uri("TEL:7042")).global()).isFalse();
        rejected("tel:");
        rejected("tel:;a=b");
    }

    @Test
    void keepsUnknownSchemesAsWritten() {
        // RFC 4475 unkscm, novelsc, unksm2
        assertThat(UriGrammar.uri("nobodyKnowsThisScheme:totallyopaquecontent"))
                .isEqualTo(new AbsoluteUri("nobodyKnowsThisScheme", "totallyopaquecontent"));
        assertThat(UriGrammar.uri("soap.beep://192.0.2.103:3002")).isEqualTo(new AbsoluteUri("soap.beep", "//192.0.2.103:3002"));
        assertThat(UriGrammar.uri("isbn:2983792873").toString()).isEqualTo("isbn:2983792873");
        assertThat(UriGrammar.uri("http://www.example.com").scheme()).isEqualTo("http");
    }

    @Test
    void sipUriRejectsOtherSchemes() {
        assertThatThrownBy(() -> UriGrammar.sipUri("tel:123")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> UriGrammar.sipUri("http://x")).isInstanceOf(SipParseException.class);
    }

    @Test
    void rejectsWhitespaceAngleBracketsAndMissingScheme() {
        // RFC 4475 lwsruri and ltgtruri
        rejected("sip:user@example.com ");
        rejected("sip:user@example.com;lr x");
        rejected("<sip:user@example.com>");
        rejected("sip:user@<example.com>");
        rejected("unknown:a b");
        rejected("");
        rejected("sip:");
        rejected("user@example.com");
        rejected("1sip:x");
        rejected("sip:@example.com");
        rejected("sip:a@");
        rejected("sip:a@-b");
    }

    @Test
    void parsesFromAsciiCharsViews() {
        byte[] b = "xxsip:bob@biloxi.example.com;transport=udpyy".getBytes(StandardCharsets.US_ASCII);
        SipUri u = (SipUri) UriGrammar.uri(new AsciiChars(b, 2, b.length - 4));
        assertThat(u.transport()).contains("udp");
        assertThat(u.user()).isEqualTo("bob");
    }

    @Test
    void errorReasonNeverEchoesInput() {
        SipParseException e = rejected("sip:secret-token@host:99999");
        assertThat(e.reason()).doesNotContain("secret").doesNotContain("99999");
        assertThat(e.offset()).isEqualTo(22);
    }
}
