package drachtio.middleware.internal.auth;

import static drachtio.middleware.internal.auth.DigestTestSupport.REALM;
import static drachtio.middleware.internal.auth.DigestTestSupport.challenge;
import static drachtio.middleware.internal.auth.DigestTestSupport.credentials;
import static drachtio.middleware.internal.auth.DigestTestSupport.parse;
import static drachtio.middleware.internal.auth.DigestTestSupport.register;
import static drachtio.middleware.internal.auth.DigestTestSupport.run;
import static drachtio.middleware.internal.auth.DigestTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Login;
import drachtio.api.header.Challenge;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.internal.auth.DigestTestSupport.Exchange;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthMiddlewareTest {
    private final MutableClock clock = new MutableClock();
    private final DigestAuthMiddleware mw = new DigestAuthMiddleware(
            settings(false, List.of(Algorithm.SHA_256, Algorithm.MD5), clock, 1000));

    private static Optional<Login> alice(String realm) {
        return Optional.of(Login.of("alice", "secret"));
    }

    private SipRequest authorized(SipRequest request, SipResponse challenge, String user, String password) {
        return ClientDigest.authorize(request, challenge, realm -> Optional.of(Login.of(user, password))).orElseThrow();
    }

    @Test
    void challengesARequestWithoutCredentials() throws Exception {
        Exchange x = run(mw, register());
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
        List<String> values = x.reply().headers("WWW-Authenticate");
        assertThat(values).hasSize(2);
        assertThat(x.reply().headers("Proxy-Authenticate")).isEmpty();
        Challenge sha = parse(values.get(0));
        Challenge md5 = parse(values.get(1));
        assertThat(sha.digest()).isTrue();
        assertThat(sha.algorithm()).isEqualTo("SHA-256");
        assertThat(md5.algorithm()).isEqualTo("MD5");
        for (Challenge c : List.of(sha, md5)) {
            assertThat(c.realm()).contains(REALM);
            assertThat(c.qop()).contains("auth");
            assertThat(c.parameters().get("qop")).contains("\"auth\"");
            assertThat(c.nonce()).isPresent();
            assertThat(c.opaque()).isPresent();
            assertThat(c.stale()).isFalse();
        }
        assertThat(values.get(0)).startsWith("Digest realm=\"example.com\", qop=\"auth\", nonce=\"");
    }

    @Test
    void challengesAsAProxyWith407() throws Exception {
        DigestAuthMiddleware proxy = new DigestAuthMiddleware(settings(true, List.of(Algorithm.SHA_256, Algorithm.MD5),
                clock, 1000));
        SipResponse c = challenge(proxy, register());
        assertThat(c.status()).isEqualTo(407);
        assertThat(c.headers().all("Proxy-Authenticate")).hasSize(2);
        assertThat(c.headers().contains("WWW-Authenticate")).isFalse();

        // credentials in Authorization are not for a proxy
        SipRequest wrongHeader = register("Authorization: " + authorized(register(), c, "alice", "secret")
                .headers().first("Proxy-Authorization").orElseThrow());
        assertThat(run(proxy, wrongHeader).reply().status()).isEqualTo(407);

        Exchange ok = run(proxy, authorized(register(), c, "alice", "secret"));
        assertThat(ok.next().proceeded()).isTrue();
        assertThat(ok.req().attribute(AuthenticatedUser.class)).contains(new AuthenticatedUser("alice", REALM, "SHA-256"));
    }

    @Test
    void passesOnValidCredentialsWithTheUser() throws Exception {
        SipRequest retry = authorized(register(), challenge(mw, register()), "alice", "secret");
        Exchange x = run(mw, retry);
        assertThat(x.next().proceeded()).isTrue();
        assertThat(x.res().sent()).isEmpty();
        assertThat(x.req().attribute(AuthenticatedUser.class)).contains(new AuthenticatedUser("alice", REALM, "SHA-256"));
    }

    @Test
    void acceptsMd5WhenOnlyMd5IsOffered() throws Exception {
        DigestAuthMiddleware md5 = new DigestAuthMiddleware(settings(false, List.of(Algorithm.MD5), clock, 1000));
        SipResponse c = challenge(md5, register());
        assertThat(c.headers().all("WWW-Authenticate")).hasSize(1);
        Exchange x = run(md5, authorized(register(), c, "alice", "secret"));
        assertThat(x.req().attribute(AuthenticatedUser.class).map(AuthenticatedUser::algorithm)).contains("MD5");
    }

    @Test
    void refusesAnAlgorithmNotOffered() throws Exception {
        DigestAuthMiddleware sha = new DigestAuthMiddleware(settings(false, List.of(Algorithm.SHA_256), clock, 1000));
        Challenge c = parse(challenge(sha, register()).headers().first("WWW-Authenticate").orElseThrow());
        String creds = credentials("alice", "secret", REALM, c.nonce().orElseThrow(), c.opaque().orElseThrow(),
                Algorithm.MD5, "00000001", "abc", "REGISTER", "sip:example.com");
        Exchange x = run(sha, register("Authorization: " + creds));
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
    }

    @Test
    void rechallengesAWrongPassword() throws Exception {
        Exchange x = run(mw, authorized(register(), challenge(mw, register()), "alice", "wrong"));
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
        assertThat(x.reply().headers("WWW-Authenticate")).hasSize(2)
                .allSatisfy(v -> assertThat(parse(v).stale()).isFalse());
        assertThat(x.req().attribute(AuthenticatedUser.class)).isEmpty();
    }

    @Test
    void answersAnUnknownUserExactlyLikeAWrongPassword() throws Exception {
        FakeResponse.Sent wrong = run(mw, authorized(register(), challenge(mw, register()), "alice", "wrong")).reply();
        FakeResponse.Sent unknown = run(mw, authorized(register(), challenge(mw, register()), "mallory", "secret")).reply();
        assertThat(unknown.status()).isEqualTo(wrong.status());
        assertThat(unknown.reason()).isEqualTo(wrong.reason());
        assertThat(unknown.parts().headers()).hasSameSizeAs(wrong.parts().headers());
        for (int i = 0; i < wrong.parts().headers().size(); i++) {
            Challenge w = parse(wrong.parts().headers().get(i).value());
            Challenge u = parse(unknown.parts().headers().get(i).value());
            assertThat(u.parameters().without("nonce")).isEqualTo(w.parameters().without("nonce"));
        }
    }

    @Test
    void refusesAForgedNonce() throws Exception {
        Challenge real = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        DigestAuthMiddleware other = new DigestAuthMiddleware(settings(false, List.of(Algorithm.SHA_256), clock, 1000));
        Challenge foreign = parse(challenge(other, register()).headers().first("WWW-Authenticate").orElseThrow());
        for (String nonce : List.of("dcd98b7102dd2f0e8b11d0f600bfb0c093", foreign.nonce().orElseThrow(),
                real.nonce().orElseThrow().substring(1) + "A")) {
            String creds = credentials("alice", "secret", REALM, nonce, null, Algorithm.SHA_256, "00000001", "c1",
                    "REGISTER", "sip:example.com");
            Exchange x = run(mw, register("Authorization: " + creds));
            assertThat(x.next().proceeded()).as(nonce).isFalse();
            assertThat(x.reply().status()).isEqualTo(401);
            assertThat(parse(x.reply().headers("WWW-Authenticate").getFirst()).stale()).isFalse();
        }
    }

    @Test
    void refusesAForeignOpaque() throws Exception {
        Challenge c = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        String creds = credentials("alice", "secret", REALM, c.nonce().orElseThrow(), "not-ours",
                Algorithm.SHA_256, "00000001", "c1", "REGISTER", "sip:example.com");
        assertThat(run(mw, register("Authorization: " + creds)).next().proceeded()).isFalse();
    }

    @Test
    void answersAnExpiredNonceWithAStaleChallenge() throws Exception {
        SipResponse c = challenge(mw, register());
        SipRequest good = authorized(register(), c, "alice", "secret");
        SipRequest bad = authorized(register(), c, "alice", "wrong");
        clock.advance(Duration.ofSeconds(301));
        Exchange x = run(mw, good);
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
        List<String> values = x.reply().headers("WWW-Authenticate");
        assertThat(values).hasSize(2).allSatisfy(v -> assertThat(parse(v).stale()).isTrue());
        // a wrong response with an expired nonce is not told it was only stale
        assertThat(parse(run(mw, bad).reply().headers("WWW-Authenticate").getFirst()).stale()).isFalse();
        // the new nonce works
        assertThat(run(mw, authorized(register(), x.res().built(), "alice", "secret")).next().proceeded()).isTrue();
    }

    @Test
    void refusesAReplayedAuthorization() throws Exception {
        SipRequest retry = authorized(register(), challenge(mw, register()), "alice", "secret");
        assertThat(run(mw, retry).next().proceeded()).isTrue();
        Exchange replay = run(mw, retry);
        assertThat(replay.next().proceeded()).isFalse();
        assertThat(replay.reply().status()).isEqualTo(401);
        assertThat(parse(replay.reply().headers("WWW-Authenticate").getFirst()).stale()).isTrue();
    }

    @Test
    void acceptsRisingNonceCountsAndRefusesLowerOnes() throws Exception {
        Challenge c = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        String nonce = c.nonce().orElseThrow();
        String opaque = c.opaque().orElseThrow();
        for (String nc : List.of("00000001", "00000002", "0000000a")) {
            String creds = credentials("alice", "secret", REALM, nonce, opaque, Algorithm.SHA_256, nc, "c" + nc,
                    "REGISTER", "sip:example.com");
            assertThat(run(mw, register("Authorization: " + creds)).next().proceeded()).as(nc).isTrue();
        }
        String lower = credentials("alice", "secret", REALM, nonce, opaque, Algorithm.SHA_256, "00000009", "c9",
                "REGISTER", "sip:example.com");
        assertThat(run(mw, register("Authorization: " + lower)).next().proceeded()).isFalse();
    }

    @Test
    void challengesCredentialsForAnotherRealm() throws Exception {
        Challenge c = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        String creds = credentials("alice", "secret", "other.org", c.nonce().orElseThrow(), c.opaque().orElseThrow(),
                Algorithm.SHA_256, "00000001", "c1", "REGISTER", "sip:example.com");
        Exchange x = run(mw, register("Authorization: " + creds));
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
    }

    @Test
    void findsOurRealmAmongSeveralCredentials() throws Exception {
        SipRequest retry = authorized(register(), challenge(mw, register()), "alice", "secret");
        String ours = retry.headers().first("Authorization").orElseThrow();
        SipRequest both = register("Authorization: Digest username=\"x\", realm=\"other.org\", nonce=\"n\", "
                + "uri=\"sip:example.com\", response=\"00\"", "Authorization: " + ours);
        assertThat(run(mw, both).next().proceeded()).isTrue();
    }

    @Test
    void answers400ToAUriThatIsNotTheRequestUri() throws Exception {
        Challenge c = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        String creds = credentials("alice", "secret", REALM, c.nonce().orElseThrow(), c.opaque().orElseThrow(),
                Algorithm.SHA_256, "00000001", "c1", "REGISTER", "sip:elsewhere.com");
        Exchange x = run(mw, register("Authorization: " + creds));
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(400);
    }

    @Test
    void answers400ToMalformedCredentials() throws Exception {
        for (String bad : List.of(
                "Digest username=\"alice",                                   // unterminated quote
                "Digest username=\"alice\" realm=\"example.com\"",           // no comma
                "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\"",
                "Digest realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\", response=\"00\"",
                "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\", "
                        + "response=\"00\", qop=auth, nc=xyz, cnonce=\"c\"",
                "Digest username=\"alice\", realm=\"example.com\", nonce=\"n\", uri=\"sip:example.com\", "
                        + "response=\"00\", qop=auth, cnonce=\"c\"")) {
            Exchange x = run(mw, register("Authorization: " + bad));
            assertThat(x.next().proceeded()).as(bad).isFalse();
            assertThat(x.reply().status()).as(bad).isEqualTo(400);
            assertThat(x.reply().reason()).isEqualTo("Malformed Authorization");
        }
    }

    @Test
    void ignoresOtherSchemes() throws Exception {
        Exchange x = run(mw, register("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        assertThat(x.reply().status()).isEqualTo(401);
    }

    @Test
    void refusesAResponseWithoutQop() throws Exception {
        Challenge c = parse(challenge(mw, register()).headers().first("WWW-Authenticate").orElseThrow());
        String nonce = c.nonce().orElseThrow();
        Algorithm a = Algorithm.SHA_256;
        String ha1 = Digest.ha1(a, "alice", REALM, "secret");
        String response = Digest.response(a, ha1, nonce, null, null, null,
                Digest.ha2(a, null, "REGISTER", "sip:example.com", new byte[0]));
        String creds = "Digest username=\"alice\", realm=\"example.com\", nonce=\"" + nonce
                + "\", uri=\"sip:example.com\", response=\"" + response + "\", algorithm=SHA-256";
        Exchange x = run(mw, register("Authorization: " + creds));
        assertThat(x.next().proceeded()).isFalse();
        assertThat(x.reply().status()).isEqualTo(401);
    }

    @Test
    void boundsTheNoncesItRemembers() throws Exception {
        DigestAuthMiddleware small = new DigestAuthMiddleware(settings(false, List.of(Algorithm.SHA_256), clock, 8));
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofMillis(5));
            SipRequest retry = authorized(register(), challenge(small, register()), "alice", "secret");
            assertThat(run(small, retry).next().proceeded()).isTrue();
            assertThat(small.rememberedNonces()).isLessThanOrEqualTo(8);
        }
    }
}
