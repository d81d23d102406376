package drachtio.middleware.internal.auth;

import static drachtio.middleware.internal.auth.DigestTestSupport.challenge;
import static drachtio.middleware.internal.auth.DigestTestSupport.invite;
import static drachtio.middleware.internal.auth.DigestTestSupport.run;
import static drachtio.middleware.internal.auth.DigestTestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import drachtio.api.Login;
import drachtio.api.header.Credentials;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.internal.auth.DigestTestSupport.Exchange;
import drachtio.parser.Grammars;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** What {@link ClientDigest} produces, {@link DigestAuthMiddleware} accepts. */
class RoundTripTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n";

    /** The challenge with its qop offer replaced. */
    private static SipResponse offering(SipResponse challenge, String header, String qop) {
        SipResponse.Builder b = challenge.toBuilder().removeHeader(header);
        for (String v : challenge.headers().all(header)) {
            b.header(header, v.replace("qop=\"auth\"", "qop=\"" + qop + "\""));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void serverAcceptsWhatTheClientSendsForEachAlgorithmAndQop(Algorithm a) throws Exception {
        for (boolean proxy : new boolean[] {false, true}) {
            for (String qop : List.of("auth", "auth-int", "auth-int,auth")) {
                DigestAuthMiddleware mw = new DigestAuthMiddleware(settings(proxy, List.of(a), InstantSource.system(), 100));
                String header = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
                SipRequest sent = invite(SDP);
                SipResponse c = offering(challenge(mw, sent), header, qop);
                SipRequest retry = ClientDigest.authorize(sent, c, r -> Optional.of(Login.of("bob", "hunter2")))
                        .orElseThrow();
                Credentials creds = Grammars.CREDENTIALS.parse(retry.headers()
                        .first(proxy ? "Proxy-Authorization" : "Authorization").orElseThrow());
                assertThat(creds.param("qop")).contains(qop.equals("auth-int") ? "auth-int" : "auth");
                assertThat(creds.algorithm()).isEqualTo(a.token());

                Exchange x = run(mw, retry);
                assertThat(x.next().proceeded()).as(a + " " + qop + " proxy=" + proxy).isTrue();
                assertThat(x.req().attribute(AuthenticatedUser.class))
                        .contains(new AuthenticatedUser("bob", DigestTestSupport.REALM, a.token()));
            }
        }
    }

    @Test
    void authIntProtectsTheBody() throws Exception {
        DigestAuthMiddleware mw = new DigestAuthMiddleware(settings(false, List.of(Algorithm.SHA_256),
                InstantSource.system(), 100));
        SipRequest sent = invite(SDP);
        SipResponse c = offering(challenge(mw, sent), "WWW-Authenticate", "auth-int");
        SipRequest retry = ClientDigest.authorize(sent, c, r -> Optional.of(Login.of("bob", "hunter2"))).orElseThrow();
        String tampered = SDP.replace("127.0.0.1", "10.0.0.66");
        SipRequest swapped = invite(tampered, "Authorization: " + retry.headers().first("Authorization").orElseThrow());
        assertThat(run(mw, swapped).next().proceeded()).isFalse();
    }

    @Test
    void roundTripsArbitraryUsersPasswordsAndRealms() {
        // printable ASCII: what a quoted-string carries (with \ and " escaped) and a SIP realm can be
        qt().withExamples(300).forAll(
                strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 24),
                strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 24),
                strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(1, 24),
                // which algorithm, and whether as a proxy
                integers().between(0, 2 * Algorithm.values().length - 1)
        ).checkAssert((user, password, realm, choice) -> {
            Algorithm a = Algorithm.values()[choice / 2];
            boolean proxy = choice % 2 == 1;
            DigestAuthMiddleware mw = new DigestAuthMiddleware(new DigestSettings(req -> realm,
                    (r, u, x) -> Optional.of(Digest.ha1(x, u, r, password)).filter(h -> u.equals(user)),
                    proxy, List.of(a), Duration.ofSeconds(300), InstantSource.system(), 100));
            try {
                SipRequest sent = invite(SDP);
                SipResponse c = challenge(mw, sent);
                SipRequest retry = ClientDigest.authorize(sent, c,
                        r -> r.equals(realm) ? Optional.of(Login.of(user, password)) : Optional.empty()).orElseThrow();
                Exchange x = run(mw, retry);
                assertThat(x.next().proceeded()).isTrue();
                assertThat(x.req().attribute(AuthenticatedUser.class))
                        .contains(new AuthenticatedUser(user, realm, a.token()));
                // and the wrong password never passes
                SipRequest wrong = ClientDigest.authorize(sent, c, r -> Optional.of(Login.of(user, password + "x")))
                        .orElseThrow();
                assertThat(run(mw, wrong).next().proceeded()).isFalse();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
