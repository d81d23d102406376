package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.middleware.Registration;
import drachtio.middleware.RegistrationParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The App snippet of README.md, run as written (with port 0 instead of 5060). */
class ReadmeAppExampleTest {

    @Test
    void readmeAppSnippetRegistersThroughDigestAuth() {
        try (App app = Drachtio.app()) {
            app.use(Method.REGISTER, DigestAuth.builder().realm("dracht.io")
                    .passwords((realm, user) -> Optional.of("foobar")).build());
            app.use(Method.REGISTER, RegistrationParser.builder().build());
            app.register((req, res) -> {
                Registration reg = req.attribute(Registration.class).orElseThrow();
                String user = req.attribute(AuthenticatedUser.class).orElseThrow().user();
                int expires = reg.contacts().getFirst().expires();
                res.send(200, Parts.header("Contact", req.header("Contact").orElseThrow() + ";expires=" + expires)
                        .with("X-User", user));
            });
            app.options((req, res) -> res.send(200, Parts.header("X-From-Tag", req.from().tag().orElse(""))));
            int port = app.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0)).getFirst().port();

            SipResponse r = app.uac().withLogin(Login.of("alice", "foobar"))
                    .register("sip:alice@127.0.0.1:" + port, Parts.NONE);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-User")).contains("alice");
            assertThat(r.header("Contact")).hasValueSatisfying(c -> assertThat(c).endsWith(";expires=3600"));
            assertThat(app.uac().options("sip:bob@127.0.0.1:" + port).header("X-From-Tag")).isPresent();
        }
    }
}
