package drachtio.examples.serve;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.message.Method;
import drachtio.api.spi.StackConfig;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.middleware.Registration;
import drachtio.middleware.RegistrationParser;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server {@code drachtio serve} runs: a registrar (digest auth when users are given,
 * bindings in memory with expiry), OPTIONS answered 200, and one log line per request.
 */
final class SipServer implements AutoCloseable {
    private final App app;
    private final Bindings bindings = new Bindings();
    private final Clock clock;
    private final PrintStream log;

    private SipServer(App app, Clock clock, PrintStream log) {
        this.app = app;
        this.clock = clock;
        this.log = log;
    }

    /**
     * @param config addresses, realm and users
     * @param log where the event lines go
     * @return the running server
     */
    static SipServer start(ServeConfig config, PrintStream log) {
        App app = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofSeconds(2)).build());
        SipServer server = new SipServer(app, Clock.systemUTC(), log);
        server.install(config);
        app.listen(config.listen().toArray(Listen[]::new));
        log.println("drachtio serve: listening on " + app.listening() + ", realm " + config.realm()
                + (config.users().isEmpty() ? ", REGISTER not challenged (no --user given)"
                        : ", users " + config.users().keySet().stream().sorted().toList()));
        log.flush();
        return server;
    }

    private void install(ServeConfig config) {
        app.use((req, res, next) -> {
            next.proceed();
            log.println(describe(req) + " -> " + res.status());
            log.flush();
        });
        if (!config.users().isEmpty()) {
            app.use(Method.REGISTER, DigestAuth.builder().realm(config.realm())
                    .passwords((realm, user) -> Optional.ofNullable(config.users().get(user))).build());
        }
        app.use(Method.REGISTER, RegistrationParser.builder().build());
        app.register((req, res) -> {
            Registration reg = req.attribute(Registration.class).orElseThrow();
            List<Bindings.Binding> now = reg.kind() == Registration.Kind.QUERY
                    ? bindings.lookup(reg.aor(), clock.instant()) : bindings.apply(reg, clock.instant());
            Parts parts = Parts.NONE;
            for (Bindings.Binding b : now) {
                parts = parts.with("Contact", "<" + b.contact() + ">;expires=" + b.secondsLeft());
            }
            res.send(200, parts);
        });
        app.options((req, res) -> res.send(200, Parts.header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER")
                .with("Accept", "application/sdp")));
    }

    private static String describe(Request req) {
        String who = req.attribute(AuthenticatedUser.class).map(u -> " user " + u.user()).orElse("");
        String extra = req.attribute(Registration.class)
                .map(r -> " " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.aor()
                        + r.contacts().stream().map(b -> " " + b.contact().uri().map(Object::toString).orElse("*")
                                + " expires " + b.expires()).reduce("", String::concat))
                .orElse("");
        return req.method() + " " + req.uri() + " from " + req.transport().toLowerCase(java.util.Locale.ROOT) + ":"
                + req.remote().getAddress().getHostAddress() + ":" + req.remote().getPort() + who + extra;
    }

    /** @return the addresses bound */
    List<Listen> listening() {
        return app.listening();
    }

    /** @return the registrar's store, for tests */
    Bindings bindings() {
        return bindings;
    }

    @Override
    public void close() {
        app.close();
        log.println("drachtio serve: stopped");
        log.flush();
    }
}
