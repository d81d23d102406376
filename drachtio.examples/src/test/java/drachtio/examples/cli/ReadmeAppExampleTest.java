package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.middleware.Registration;
import drachtio.middleware.RegistrationParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The App and dialog snippets of README.md, run as written (with port 0 instead of 5060). */
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

    @Test
    void readmeDialogSnippetSetsUpUsesAndEndsACall() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        try (App server = Drachtio.app(); App client = Drachtio.app()) {
            var byes = new java.util.concurrent.CountDownLatch(1);
            server.invite((req, res) -> {
                req.onCancel(cancel -> System.out.println("the calling party hung up before we answered"));
                Dialog dlg = res.answer(Parts.body("application/sdp", sdp));          // returns once ACKed
                dlg.onBye((bye, byeRes) -> {
                    byeRes.send(200);
                    byes.countDown();
                });
            });
            int port = server.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();
            client.listen(Listen.udp("127.0.0.1", 0));

            PendingCall call = client.uac().start("sip:1234@127.0.0.1:" + port, Parts.body("application/sdp", sdp));
            assertThat(call.awaitFinal().success()).isTrue();
            Dialog dlg = call.ack();
            SipResponse info = dlg.request(Method.INFO, Parts.body("application/dtmf-relay", "Signal=5"));
            dlg.bye();

            assertThat(info.status()).isEqualTo(200);
            assertThat(byes.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(client.dialogs().count()).isZero();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.dialogs().count() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.dialogs().count()).isZero();
        }
    }
}
