package drachtio.benchmarks.load;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.middleware.Registration;
import drachtio.middleware.RegistrationParser;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The load script's App: OPTIONS 200 through a route (to put the App's routing cost beside the
 * bare stack's), INVITE answered with a dialog ({@code res.answer}, BYE by the dialog layer's
 * default), and a registrar behind digest auth: REGISTER is challenged (401), then the
 * retry with credentials passes the registration parser and gets 200. Users are
 * {@code user0 .. user999} with password {@code pw-userN}; MD5 only, the one algorithm sipp
 * computes.
 */
final class AppLoadServer {
    static final int USERS = 1000;
    private static final String SDP = "v=0\r\no=load 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\n";

    private AppLoadServer() {
    }

    static void run(String host, int port) throws InterruptedException {
        App app = Drachtio.app();
        app.use(Method.REGISTER, DigestAuth.builder().realm("load.test").algorithms(List.of("MD5"))
                .passwords((realm, user) -> password(user)).build());
        app.use(Method.REGISTER, RegistrationParser.builder().build());
        app.options((req, res) -> res.send(200));
        app.invite((req, res) -> {
            Work.perCall();
            res.answer(Parts.body("application/sdp", SDP));
        });
        app.register((req, res) -> {
            Work.perCall();
            Registration reg = req.attribute(Registration.class).orElseThrow();
            res.send(200, Parts.header("Contact", req.header("Contact").orElse("*") + ";expires="
                    + (reg.contacts().isEmpty() ? 0 : reg.contacts().getFirst().expires()))
                    .with("X-User", req.attribute(AuthenticatedUser.class).orElseThrow().user()));
        });
        Work.printCost();
        app.listen(Listen.udp(host, port));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(app::close));
        System.out.println("listening " + app.listening().getFirst());
        System.out.flush();
        // the live dialog count, for the dialog-memory script (and a look while load runs)
        Thread.ofPlatform().daemon().name("dialog-count").start(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                System.out.println("dialogs " + app.dialogs().count());
                System.out.flush();
            }
        });
        new CountDownLatch(1).await();
    }

    private static Optional<String> password(String user) {
        if (!user.startsWith("user")) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(user.substring(4));
            return n >= 0 && n < USERS ? Optional.of("pw-" + user) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
