package drachtio.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Middleware;
import drachtio.api.Parts;
import drachtio.api.header.Header;
import drachtio.api.message.SipRequest;
import drachtio.middleware.internal.auth.FakeNext;
import drachtio.middleware.internal.auth.FakeRequest;
import drachtio.middleware.internal.auth.FakeResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthTest {
    private static final SipRequest REGISTER = FakeRequest.parseMessage("""
            REGISTER sip:tenant-7.example.com SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1
            From: <sip:alice@tenant-7.example.com>;tag=a1
            To: <sip:alice@tenant-7.example.com>
            Call-ID: call-1@test
            CSeq: 1 REGISTER
            Content-Length: 0

            """);

    private static FakeResponse.Sent challenge(Middleware mw) throws Exception {
        FakeRequest req = new FakeRequest(REGISTER);
        FakeResponse res = new FakeResponse(req);
        FakeNext next = new FakeNext();
        mw.handle(req, res, next);
        assertThat(next.proceeded()).isFalse();
        return res.only();
    }

    @Test
    void offersAlgorithmsStrongestFirst() throws Exception {
        Middleware mw = DigestAuth.builder().realm("r").passwords((realm, user) -> Optional.empty())
                .algorithms(List.of("MD5", "SHA-512-256", "SHA-256")).build();
        assertThat(challenge(mw).parts().headers()).extracting(Header::value)
                .map(v -> v.substring(v.indexOf("algorithm=")))
                .containsExactly("algorithm=SHA-512-256", "algorithm=SHA-256", "algorithm=MD5");
    }

    @Test
    void takesTheRealmFromTheRequest() throws Exception {
        Middleware mw = DigestAuth.builder().realm(req -> req.uri().toString().substring(4))
                .ha1((realm, user, alg) -> Optional.empty()).proxy(true).nonceTtl(Duration.ofSeconds(30)).build();
        FakeResponse.Sent s = challenge(mw);
        assertThat(s.status()).isEqualTo(407);
        assertThat(s.parts().headers()).extracting(Header::name).containsOnly("Proxy-Authenticate");
        assertThat(s.parts().headers()).extracting(Header::value)
                .allSatisfy(v -> assertThat(v).startsWith("Digest realm=\"tenant-7.example.com\""));
        assertThat(s.parts()).isNotSameAs(Parts.NONE);
    }

    @Test
    void refusesIncompleteSettings() {
        assertThatThrownBy(() -> DigestAuth.builder().passwords((r, u) -> Optional.empty()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("realm");
        assertThatThrownBy(() -> DigestAuth.builder().realm("r").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("passwords");
        assertThatThrownBy(() -> DigestAuth.builder().algorithms(List.of("SHA-1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestAuth.builder().algorithms(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestAuth.builder().nonceTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
