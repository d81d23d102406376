package drachtio.middleware.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static final byte[] NO_BODY = new byte[0];

    @Test
    void matchesTheRfc2617Example() {
        // RFC 2617 3.5
        String ha1 = Digest.ha1(Algorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        String ha2 = Digest.ha2(Algorithm.MD5, Qop.AUTH, "GET", "/dir/index.html", NO_BODY);
        String response = Digest.response(Algorithm.MD5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                "0a4f113b", Qop.AUTH, ha2);
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void matchesTheRfc7616Sha256AndMd5Examples() {
        // RFC 7616 3.9.1: the same exchange with SHA-256 and with MD5
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        for (Algorithm a : new Algorithm[] {Algorithm.SHA_256, Algorithm.MD5}) {
            String ha1 = Digest.ha1(a, "Mufasa", "http-auth@example.org", "Circle of Life");
            String ha2 = Digest.ha2(a, Qop.AUTH, "GET", "/dir/index.html", NO_BODY);
            String response = Digest.response(a, ha1, nonce, "00000001", cnonce, Qop.AUTH, ha2);
            assertThat(response).as(a.token()).isEqualTo(a == Algorithm.MD5
                    ? "8ca523f5e9506fed4657c9700eebdbec"
                    : "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        }
    }

    @Test
    void hashesWithSha512Truncated() {
        // FIPS 180-4 example: SHA-512/256("abc")
        assertThat(Digest.hash(Algorithm.SHA_512_256, "abc"))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
    }

    @Test
    void sessionHa1HashesTheNonces() {
        String stored = Digest.ha1(Algorithm.SHA_256, "u", "r", "p");
        assertThat(Digest.sessionHa1(Algorithm.SHA_256, stored, "n", "c")).isEqualTo(stored);
        assertThat(Digest.sessionHa1(Algorithm.SHA_256_SESS, stored, "n", "c"))
                .isEqualTo(Digest.hash(Algorithm.SHA_256, stored + ":n:c"));
        assertThatThrownBy(() -> Digest.sessionHa1(Algorithm.MD5_SESS, stored, "n", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authIntHashesTheBody() {
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.UTF_8);
        String withBody = Digest.ha2(Algorithm.MD5, Qop.AUTH_INT, "INVITE", "sip:a@b", body);
        assertThat(withBody).isEqualTo(Digest.hash(Algorithm.MD5, "INVITE:sip:a@b:" + Digest.hash(Algorithm.MD5, body)));
        assertThat(withBody).isNotEqualTo(Digest.ha2(Algorithm.MD5, Qop.AUTH_INT, "INVITE", "sip:a@b", NO_BODY));
        assertThat(Digest.ha2(Algorithm.MD5, Qop.AUTH, "INVITE", "sip:a@b", body))
                .isEqualTo(Digest.ha2(Algorithm.MD5, null, "INVITE", "sip:a@b", NO_BODY));
    }

    @Test
    void rfc2069ResponseLeavesOutTheCounts() {
        assertThat(Digest.response(Algorithm.MD5, "h1", "n", null, null, null, "h2"))
                .isEqualTo(Digest.hash(Algorithm.MD5, "h1:n:h2"));
    }

    @Test
    void comparesIgnoringCaseOfTheGivenHex() {
        assertThat(Digest.matches("abc123", "ABC123")).isTrue();
        assertThat(Digest.matches("abc123", "abc124")).isFalse();
        assertThat(Digest.matches("abc123", "abc12")).isFalse();
        assertThat(Digest.matches("abc123", "")).isFalse();
    }

    @Test
    void namesAlgorithmsAnyCase() {
        assertThat(Algorithm.of("sha-256-SESS")).contains(Algorithm.SHA_256_SESS);
        assertThat(Algorithm.of("SHA-1")).isEmpty();
        assertThat(Algorithm.SHA_256_SESS.base()).isEqualTo(Algorithm.SHA_256);
        assertThat(Algorithm.SHA_512_256.strength()).isGreaterThan(Algorithm.SHA_256.strength());
        assertThat(Algorithm.SHA_256.strength()).isGreaterThan(Algorithm.MD5_SESS.strength());
    }
}
