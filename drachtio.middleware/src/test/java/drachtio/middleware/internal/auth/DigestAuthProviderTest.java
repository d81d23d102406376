package drachtio.middleware.internal.auth;

import static drachtio.middleware.internal.auth.DigestTestSupport.challenge;
import static drachtio.middleware.internal.auth.DigestTestSupport.register;
import static drachtio.middleware.internal.auth.DigestTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Login;
import drachtio.api.Middleware;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.MiddlewareProvider;
import drachtio.middleware.AuthenticatedUser;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DigestAuthProviderTest {
    private final MiddlewareProvider provider = new DigestAuthProvider();

    private static Map<String, String> config(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("realm", "example.com");
        m.put("users", "alice:secret");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void isFoundByNameWithItsWeight() {
        MiddlewareProvider found = ServiceLoader.load(MiddlewareProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("digest-auth"))
                .findFirst().orElseThrow();
        assertThat(found).isInstanceOf(DigestAuthProvider.class);
        assertThat(found.weight()).isEqualTo(100);
        assertThat(found.global()).isFalse();
    }

    @Test
    void buildsAMiddlewareFromConfig() throws Exception {
        Middleware mw = provider.create(config("users", "alice:se:cr:et, bob:x", "proxy", "true",
                "nonce-ttl", "60", "algorithms", "MD5"));
        SipResponse c = challenge(mw, register());
        assertThat(c.status()).isEqualTo(407);
        assertThat(c.headers().all("Proxy-Authenticate")).hasSize(1)
                .allSatisfy(v -> assertThat(v).endsWith("algorithm=MD5"));
        SipRequest retry = ClientDigest.authorize(register(), c, r -> Optional.of(Login.of("alice", "se:cr:et")))
                .orElseThrow();
        DigestTestSupport.Exchange x = run(mw, retry);
        assertThat(x.req().attribute(AuthenticatedUser.class))
                .contains(new AuthenticatedUser("alice", "example.com", "MD5"));
        SipRequest bob = ClientDigest.authorize(register(), challenge(mw, register()),
                r -> Optional.of(Login.of("bob", "x"))).orElseThrow();
        assertThat(run(mw, bob).next().proceeded()).isTrue();
    }

    @Test
    void defaultsToWwwAuthenticateWithSha256AndMd5() throws Exception {
        SipResponse c = challenge(provider.create(config()), register());
        assertThat(c.status()).isEqualTo(401);
        assertThat(c.headers().all("WWW-Authenticate")).hasSize(2);
    }

    @Test
    void refusesBadConfigNamingTheKey() {
        assertThatThrownBy(() -> provider.create(config("colour", "blue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> provider.create(config("proxy", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy");
        assertThatThrownBy(() -> provider.create(config("nonce-ttl", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce-ttl");
        assertThatThrownBy(() -> provider.create(config("nonce-ttl", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce-ttl");
        assertThatThrownBy(() -> provider.create(config("algorithms", "SHA-256,SHA-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("algorithms");
        assertThatThrownBy(() -> provider.create(config("realm", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
        assertThatThrownBy(() -> provider.create(config("users", "alice:a,alice:b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users");
        Map<String, String> noRealm = config();
        noRealm.remove("realm");
        assertThatThrownBy(() -> provider.create(noRealm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
        Map<String, String> noUsers = config();
        noUsers.remove("users");
        assertThatThrownBy(() -> provider.create(noUsers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users");
    }

    @Test
    void neverRepeatsAPasswordInAnError() {
        assertThatThrownBy(() -> provider.create(config("users", "alice:secret,topsecret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users")
                .hasMessageNotContaining("topsecret");
    }
}
