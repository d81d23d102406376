package drachtio.middleware.internal.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Middleware;
import drachtio.api.spi.MiddlewareProvider;
import drachtio.middleware.RegisterExchange;
import drachtio.middleware.Registration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RegistrationProviderTest {
    private final RegistrationProvider provider = new RegistrationProvider();

    private static int expiryFor(Middleware m) throws Exception {
        RegisterExchange x = RegisterExchange.request("REGISTER", "Contact: <sip:bob@192.0.2.4>");
        m.handle(x.req, x.res, x.next);
        return x.req.attribute(Registration.class).orElseThrow().contacts().getFirst().expires();
    }

    @Test
    void isNamedRegistrationWithWeight200AndNotGlobal() {
        assertThat(provider.name()).isEqualTo("registration");
        assertThat(provider.weight()).isEqualTo(200);
        assertThat(provider.global()).isFalse();
    }

    @Test
    void emptyConfigGivesTheDefaultExpiry() throws Exception {
        assertThat(expiryFor(provider.create(Map.of()))).isEqualTo(3600);
    }

    @Test
    void defaultExpiresIsRead() throws Exception {
        assertThat(expiryFor(provider.create(Map.of("default-expires", "600")))).isEqualTo(600);
        assertThat(expiryFor(provider.create(Map.of("default-expires", " 45 ")))).isEqualTo(45);
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        assertThatThrownBy(() -> provider.create(Map.of("default-expiry", "600")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default-expiry");
    }

    @Test
    void aBadValueIsRefusedNamingTheKey() {
        for (String bad : new String[] {"", "soon", "0", "-1", "99999999999", "1.5"}) {
            assertThatThrownBy(() -> provider.create(Map.of("default-expires", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("default-expires").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(MiddlewareProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(RegistrationProvider.class);
    }
}
