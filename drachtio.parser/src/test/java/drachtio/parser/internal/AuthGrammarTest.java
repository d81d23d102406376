package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Challenge;
import drachtio.api.header.Credentials;
import drachtio.api.header.Parameters;
import drachtio.api.message.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthGrammarTest {

    @Test
    void parsesDigestChallengeKeepingQuotes() {
        Challenge c = AuthGrammar.challenge("Digest realm=\"atlanta.example.com\", qop=\"auth,auth-int\",\r"
                .replace("\r", "") + " nonce=\"84a4cc6f3082121f32b42a2187831a9e\", opaque=\"\", stale=FALSE, algorithm=MD5");
        assertThat(c.digest()).isTrue();
        assertThat(c.parameters().get("realm")).contains("\"atlanta.example.com\"");
        assertThat(c.realm()).contains("atlanta.example.com");
        assertThat(c.qop()).contains("auth,auth-int");
        assertThat(c.opaque()).contains("");
        assertThat(c.stale()).isFalse();
        assertThat(c.parameters().size()).isEqualTo(6);
    }

    @Test
    void parsesCredentialsWithWhitespaceAroundEquals() {
        Credentials c = AuthGrammar.credentials("Digest username = \"bob\" ,realm=\"biloxi.com\",nonce=\"dcd98b\","
                + "uri=\"sip:bob@biloxi.com\",response=\"6629fae49393a05397450978507c4ef1\",nc=00000001,qop=auth");
        assertThat(c.username()).contains("bob");
        assertThat(c.uri()).contains("sip:bob@biloxi.com");
        assertThat(c.parameters().get("nc")).contains("00000001");
        assertThat(c.parameters().name(0)).isEqualTo("username");
    }

    @Test
    void parsesUnknownSchemes() {
        // RFC 4475 regaut01
        Credentials c = AuthGrammar.credentials("NoOneKnowsThisScheme opaque-data=here");
        assertThat(c).isEqualTo(new Credentials("NoOneKnowsThisScheme", Parameters.of("opaque-data", "here")));
        assertThat(c.digest()).isFalse();
    }

    @Test
    void allowsSchemeWithoutParameters() {
        assertThat(AuthGrammar.challenge("Negotiate").parameters().isEmpty()).isTrue();
    }

    @Test
    void representsToken68AsOneFlagParameter() {
        Credentials c = AuthGrammar.credentials("Basic QWxhZGRpbjpvcGVu==");
        assertThat(c.parameters()).isEqualTo(Parameters.of("QWxhZGRpbjpvcGVu==", null));
        assertThat(c.toString()).isEqualTo("Basic QWxhZGRpbjpvcGVu==");
        assertThat(AuthGrammar.credentials("Bearer a.b-c_d~e+f/g=").parameters().name(0)).isEqualTo("a.b-c_d~e+f/g=");
    }

    @Test
    void commasInsideQuotesDoNotSplit() {
        Challenge c = AuthGrammar.challenge("Digest realm=\"a,b\",domain=\"sip:a.com, sip:b.com\"");
        assertThat(c.parameters().size()).isEqualTo(2);
        assertThat(c.parameters().get("domain")).contains("\"sip:a.com, sip:b.com\"");
    }

    @Test
    void rejectsMalformedAuthValues() {
        for (String bad : List.of("", "Digest realm= ,a=b", "Digest realm=\"x", "Digest realm=a,", "Digest ,realm=a",
                "Digest realm=a realm=b", "Digest realm=a,,b=c", "\"Digest\" realm=a", "Digest=x")) {
            assertThatThrownBy(() -> AuthGrammar.credentials(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }
}
