package drachtio.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registration middleware in a real App on the embedded stack over 127.0.0.1, installed by
 * name, with REGISTERs from a second App's UAC. The route echoes the {@link Registration} it was
 * given in response headers.
 */
class RegistrationLoopbackTest {
    private static final StackConfig QUICK_CLOSE = StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build();
    private final App registrar = Drachtio.app(QUICK_CLOSE);
    private final App phone = Drachtio.app(QUICK_CLOSE);
    private final AtomicInteger routed = new AtomicInteger();
    private String aor;

    @BeforeEach
    void start() {
        registrar.use("registration", Map.of("default-expires", "600"));
        registrar.register((req, res) -> {
            routed.incrementAndGet();
            Registration reg = req.attribute(Registration.class).orElseThrow();
            res.send(200, Parts.header("X-Kind", reg.kind())
                    .with("X-Aor", reg.aor())
                    .with("X-Wildcard", reg.wildcard())
                    .with("X-Expires", reg.contacts().stream().map(b -> String.valueOf(b.expires())).toList()));
        });
        int port = registrar.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();
        aor = "sip:alice@127.0.0.1:" + port;
        phone.listen(Listen.udp("127.0.0.1", 0));
    }

    @AfterEach
    void close() {
        phone.close();
        registrar.close();
    }

    @Test
    void registerReachesTheRouteWithTheParsedRegistration() {
        SipResponse r = phone.uac().register(aor, Parts.NONE);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Kind")).contains("REGISTER");
        assertThat(r.header("X-Aor")).contains(aor);
        assertThat(r.header("X-Expires")).contains("[3600]");
    }

    @Test
    void theContactParameterWinsOverTheExpiresHeader() {
        SipResponse r = phone.uac().register(aor, Parts.header("Contact", "<sip:alice@192.0.2.1>;expires=30, "
                + "<sip:alice@192.0.2.2>").with("Expires", "0"));

        assertThat(r.header("X-Kind")).contains("REGISTER");
        assertThat(r.header("X-Expires")).contains("[30, 0]");
    }

    @Test
    void expiresZeroAndTheWildcardUnregister() {
        SipResponse zero = phone.uac().register(aor, Parts.header("Expires", "0"));
        SipResponse all = phone.uac().register(aor, Parts.header("Contact", "*").with("Expires", "0"));

        assertThat(zero.header("X-Kind")).contains("UNREGISTER");
        assertThat(zero.header("X-Expires")).contains("[0]");
        assertThat(all.header("X-Kind")).contains("UNREGISTER");
        assertThat(all.header("X-Wildcard")).contains("true");
        assertThat(all.header("X-Expires")).contains("[]");
    }

    @Test
    void aMalformedRegisterIsAnswered400AndNeverRouted() {
        SipResponse r = phone.uac().register(aor, Parts.header("Contact", "*").with("Expires", "3600"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("Wildcard Contact requires Expires: 0");
        assertThat(routed).hasValue(0);
    }
}
