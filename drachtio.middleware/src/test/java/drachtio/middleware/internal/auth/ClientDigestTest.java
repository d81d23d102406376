package drachtio.middleware.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Login;
import drachtio.api.header.CSeq;
import drachtio.api.header.Credentials;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.Grammars;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ClientDigestTest {
    private static final Function<String, Optional<Login>> ALICE = r -> Optional.of(Login.of("alice", "secret"));

    /** An OPTIONS as the app built it: no Via. */
    private static SipRequest options(String... extra) {
        SipRequest.Builder b = SipRequest.builder(Method.OPTIONS, Grammars.URI.parse("sip:bob@example.com"))
                .header("From", "<sip:alice@example.com>;tag=f1")
                .header("To", "<sip:bob@example.com>")
                .header("Call-ID", "cid-9@test")
                .header("CSeq", "41 OPTIONS")
                .header("Max-Forwards", "70");
        for (int i = 0; i < extra.length; i += 2) {
            b.header(extra[i], extra[i + 1]);
        }
        return b.body("text/plain", "hello").build();
    }

    private static SipResponse response(int status, String header, String... challenges) {
        SipResponse.Builder b = SipResponse.replyTo(options(), status);
        for (String c : challenges) {
            b.header(header, c);
        }
        return b.build();
    }

    private static Credentials creds(SipRequest r, String header) {
        return Grammars.CREDENTIALS.parse(r.headers().first(header).orElseThrow());
    }

    @Test
    void answersA401WithAuthorizationAndTheNextCSeq() {
        SipRequest sent = options();
        SipRequest retry = ClientDigest.authorize(sent, response(401, "WWW-Authenticate",
                "Digest realm=\"example.com\", nonce=\"abc\", qop=\"auth\", opaque=\"op\", algorithm=MD5"), ALICE)
                .orElseThrow();
        assertThat(retry.headers().first("CSeq", CSeq.class)).contains(new CSeq(42, "OPTIONS"));
        for (String h : List.of("Call-ID", "From", "To", "Max-Forwards", "Content-Type")) {
            assertThat(retry.headers().first(h)).as(h).isEqualTo(sent.headers().first(h));
        }
        assertThat(retry.body()).isEqualTo(sent.body());
        assertThat(retry.uri()).isEqualTo(sent.uri());
        assertThat(retry.headers().contains("Proxy-Authorization")).isFalse();
        Credentials c = creds(retry, "Authorization");
        assertThat(c.digest()).isTrue();
        assertThat(c.username()).contains("alice");
        assertThat(c.realm()).contains("example.com");
        assertThat(c.nonce()).contains("abc");
        assertThat(c.uri()).contains("sip:bob@example.com");
        assertThat(c.param("opaque")).contains("op");
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.param("qop")).contains("auth");
        assertThat(c.parameters().get("qop")).contains("auth"); // unquoted, RFC 7616 3.4
        assertThat(c.param("nc")).contains("00000001");
        assertThat(c.param("cnonce")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{32}"));
        String ha1 = Digest.ha1(Algorithm.MD5, "alice", "example.com", "secret");
        String ha2 = Digest.ha2(Algorithm.MD5, Qop.AUTH, "OPTIONS", "sip:bob@example.com", new byte[0]);
        assertThat(c.response()).contains(Digest.response(Algorithm.MD5, ha1, "abc", "00000001",
                c.param("cnonce").orElseThrow(), Qop.AUTH, ha2));
    }

    @Test
    void answersA407WithProxyAuthorization() {
        SipRequest retry = ClientDigest.authorize(options(), response(407, "Proxy-Authenticate",
                "Digest realm=\"proxy.example.com\", nonce=\"p1\", qop=\"auth\""), ALICE).orElseThrow();
        assertThat(retry.headers().contains("Authorization")).isFalse();
        Credentials c = creds(retry, "Proxy-Authorization");
        assertThat(c.realm()).contains("proxy.example.com");
        assertThat(c.param("qop")).contains("auth");
        assertThat(c.param("nc")).contains("00000001");
        assertThat(c.param("cnonce")).isPresent();
        assertThat(c.param("opaque")).isEmpty();
    }

    @Test
    void makesANewCnonceEachTime() {
        SipResponse r = response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
        String a = creds(ClientDigest.authorize(options(), r, ALICE).orElseThrow(), "Authorization").param("cnonce").orElseThrow();
        String b = creds(ClientDigest.authorize(options(), r, ALICE).orElseThrow(), "Authorization").param("cnonce").orElseThrow();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void picksTheStrongestAlgorithmWhateverTheOrder() {
        SipResponse r = response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=MD5",
                "Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256",
                "Digest realm=\"r\", nonce=\"n3\", qop=\"auth\", algorithm=MD5-sess");
        SipRequest retry = ClientDigest.authorize(options(), r, ALICE).orElseThrow();
        assertThat(retry.headers().all("Authorization")).hasSize(1);
        Credentials c = creds(retry, "Authorization");
        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(c.nonce()).contains("n2");
    }

    @Test
    void skipsUnsupportedChallenges() {
        SipResponse r = response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-1024",
                "Basic realm=\"r\"",
                "Digest realm=\"r\", nonce=\"n2\", qop=\"auth-conf\"",
                "Digest realm=\"r\", nonce=\"n3\", algorithm=MD5-sess",
                "Digest realm=\"r\", qop=\"auth\"",
                "Digest realm=\"r\", nonce=\"n4\", qop=\"auth\", algorithm=MD5");
        Credentials c = creds(ClientDigest.authorize(options(), r, ALICE).orElseThrow(), "Authorization");
        assertThat(c.nonce()).contains("n4");
        SipResponse none = response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n1\", algorithm=SHA-1024",
                "Basic realm=\"r\"");
        assertThat(ClientDigest.authorize(options(), none, ALICE)).isEmpty();
        assertThat(ClientDigest.authorize(options(), response(401, "WWW-Authenticate"), ALICE)).isEmpty();
    }

    @Test
    void prefersAuthThenAuthIntThenNone() {
        Credentials both = creds(ClientDigest.authorize(options(), response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int,auth\""), ALICE).orElseThrow(), "Authorization");
        assertThat(both.param("qop")).contains("auth");

        SipRequest sent = options();
        Credentials intOnly = creds(ClientDigest.authorize(sent, response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\", algorithm=SHA-256"), ALICE).orElseThrow(),
                "Authorization");
        assertThat(intOnly.param("qop")).contains("auth-int");
        String ha1 = Digest.ha1(Algorithm.SHA_256, "alice", "r", "secret");
        String ha2 = Digest.ha2(Algorithm.SHA_256, Qop.AUTH_INT, "OPTIONS", "sip:bob@example.com", sent.body());
        assertThat(intOnly.response()).contains(Digest.response(Algorithm.SHA_256, ha1, "n", "00000001",
                intOnly.param("cnonce").orElseThrow(), Qop.AUTH_INT, ha2));

        Credentials old = creds(ClientDigest.authorize(options(), response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n\""), ALICE).orElseThrow(), "Authorization");
        assertThat(old.param("qop")).isEmpty();
        assertThat(old.param("nc")).isEmpty();
        assertThat(old.param("cnonce")).isEmpty();
        String ha2Plain = Digest.ha2(Algorithm.MD5, null, "OPTIONS", "sip:bob@example.com", new byte[0]);
        assertThat(old.response()).contains(Digest.response(Algorithm.MD5,
                Digest.ha1(Algorithm.MD5, "alice", "r", "secret"), "n", null, null, null, ha2Plain));
    }

    @Test
    void replacesEarlierCredentialsForTheSameRealmOnly() {
        SipRequest sent = options("Authorization", "Digest username=\"alice\", realm=\"r\", nonce=\"old\", "
                        + "uri=\"sip:bob@example.com\", response=\"00\"",
                "Authorization", "Digest username=\"alice\", realm=\"keep\", nonce=\"k\", "
                        + "uri=\"sip:bob@example.com\", response=\"11\"");
        SipRequest retry = ClientDigest.authorize(sent, response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"new\", qop=\"auth\""), ALICE).orElseThrow();
        List<Credentials> all = retry.headers().all("Authorization").stream()
                .map(Grammars.CREDENTIALS::parse).toList();
        assertThat(all).extracting(c -> c.realm().orElseThrow()).containsExactlyInAnyOrder("keep", "r");
        assertThat(all).filteredOn(c -> c.realm().orElseThrow().equals("r"))
                .extracting(c -> c.nonce().orElseThrow()).containsExactly("new");
    }

    @Test
    void answersEachRealmWithItsLoginAndSkipsRealmsWithout() {
        SipResponse r = response(407, "Proxy-Authenticate",
                "Digest realm=\"a\", nonce=\"na\", qop=\"auth\"",
                "Digest realm=\"b\", nonce=\"nb\", qop=\"auth\"",
                "Digest realm=\"c\", nonce=\"nc\", qop=\"auth\"");
        List<String> asked = new ArrayList<>();
        SipRequest retry = ClientDigest.authorize(options(), r, realm -> {
            asked.add(realm);
            return realm.equals("c") ? Optional.empty() : Optional.of(Login.of("u-" + realm, "p"));
        }).orElseThrow();
        assertThat(asked).containsExactly("a", "b", "c");
        assertThat(retry.headers().all("Proxy-Authorization")).hasSize(2);
        assertThat(retry.headers().all("Proxy-Authorization").stream().map(Grammars.CREDENTIALS::parse)
                .map(c -> c.username().orElseThrow())).containsExactly("u-a", "u-b");
    }

    @Test
    void isEmptyWithoutALoginOrForOtherStatuses() {
        SipResponse r = response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
        assertThat(ClientDigest.authorize(options(), r, realm -> Optional.empty())).isEmpty();
        SipResponse ok = response(200, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
        assertThat(ClientDigest.authorize(options(), ok, ALICE)).isEmpty();
    }

    @Test
    void quotesUserNamesAndRealms() {
        SipResponse r = response(401, "WWW-Authenticate", "Digest realm=\"we \\\"quote\\\" \\\\ here\", nonce=\"n\", qop=\"auth\"");
        SipRequest retry = ClientDigest.authorize(options(), r, realm -> Optional.of(Login.of("o\"brien\\x", "p")))
                .orElseThrow();
        Credentials c = creds(retry, "Authorization");
        assertThat(c.username()).contains("o\"brien\\x");
        assertThat(c.realm()).contains("we \"quote\" \\ here");
    }

    @Test
    void usesTheRequestUriAsWritten() {
        Uri uri = Grammars.URI.parse("sips:bob@example.com:5061;transport=tcp");
        SipRequest sent = SipRequest.builder(Method.MESSAGE, uri).header("CSeq", "1 MESSAGE").build();
        SipRequest retry = ClientDigest.authorize(sent, response(401, "WWW-Authenticate",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth\""), ALICE).orElseThrow();
        assertThat(creds(retry, "Authorization").uri()).contains(uri.toString());
    }
}
