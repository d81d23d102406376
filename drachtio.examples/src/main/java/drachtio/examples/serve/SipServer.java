package drachtio.examples.serve;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.Dialog;
import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.spi.StackConfig;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.middleware.Registration;
import drachtio.middleware.RegistrationParser;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/**
 * The server {@code drachtio serve} runs: a registrar (digest auth when users are given,
 * bindings in memory with expiry), OPTIONS answered 200, INVITE answered 200 with SDP and the
 * call kept until BYE, and one log line per request and per call end.
 */
final class SipServer implements AutoCloseable {
    /** Calls at once before new ones get 486. */
    static final int MAX_CALLS = 10_000;
    /** The media port the SDP names (nothing listens there: no media flows). */
    private static final int MEDIA_PORT = 40_000;
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
            logLine(describe(req) + " -> " + res.status());
        });
        if (!config.users().isEmpty()) {
            app.use(Method.REGISTER, DigestAuth.builder().realm(config.realm()).algorithms(config.algorithms())
                    .passwords((realm, user) -> Optional.ofNullable(config.users().get(user))).build());
        }
        app.use(Method.REGISTER, RegistrationParser.builder().build());
        app.register((req, res) -> {
            Registration reg = req.attribute(Registration.class).orElseThrow();
            Optional<AuthenticatedUser> login = req.attribute(AuthenticatedUser.class);
            if (login.isPresent() && !login.get().user().equals(userOf(reg.aor()))) {
                // RFC 3261 10.3 step 3: a user changes the bindings of their own address only
                res.send(403, "Not Your Address of Record");
                return;
            }
            Optional<List<Bindings.Binding>> applied = reg.kind() == Registration.Kind.QUERY
                    ? Optional.of(bindings.lookup(reg.aor(), clock.instant())) : bindings.apply(reg, clock.instant());
            if (applied.isEmpty()) {
                // step 7: an older request of the same Call-ID than the one that set a binding
                res.send(500, "Out of Order CSeq");
                return;
            }
            List<Bindings.Binding> now = applied.get();
            Parts parts = Parts.NONE;
            for (Bindings.Binding b : now) {
                parts = parts.with("Contact", "<" + b.contact() + ">;expires=" + b.secondsLeft());
            }
            res.send(200, parts);
        });
        app.options((req, res) -> res.send(200, Parts.header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER")
                .with("Accept", "application/sdp")));
        app.invite(this::answerCall);
    }

    /** @return the user part of an address of record, escapes decoded (RFC 3261 10.3 step 5); "" when none */
    private static String userOf(Uri aor) {
        return aor instanceof SipUri sip && sip.user() != null ? SipUri.unescape(sip.user()) : "";
    }

    /** Answers with SDP, then leaves the call up until a BYE (486 when full, 488 for an offer without audio). */
    private void answerCall(Request req, Response res) {
        if (app.dialogs().count() >= MAX_CALLS) {
            res.send(486);
            return;
        }
        String sdp = Sdp.answer(req.bodyText(), req.source().local().getAddress().getHostAddress(), MEDIA_PORT);
        if (sdp == null) {
            res.send(488, "No Audio Offered");
            return;
        }
        req.onCancel(c -> logLine("CANCEL " + req.uri() + " Call-ID " + req.callId() + " (caller hung up before the answer)"));
        Dialog call = res.answer(Parts.body("application/sdp", sdp));
        Instant start = clock.instant();
        call.onEnd(end -> logLine("call " + call.callId() + " ended: " + end.reason().name().toLowerCase(Locale.ROOT)
                + " after " + Duration.between(start, clock.instant()).toMillis() + " ms"));
    }

    private void logLine(String line) {
        log.println(line);
        log.flush();
    }

    private static String describe(Request req) {
        String who = req.attribute(AuthenticatedUser.class).map(u -> " user " + u.user()).orElse("");
        String extra = req.attribute(Registration.class)
                .map(r -> " " + r.kind().name().toLowerCase(Locale.ROOT) + " " + r.aor()
                        + r.contacts().stream().map(b -> " " + b.contact().uri().map(Object::toString).orElse("*")
                                + " expires " + b.expires()).reduce("", String::concat))
                .orElse("");
        return req.method() + " " + req.uri() + " from " + req.transport().toLowerCase(Locale.ROOT) + ":"
                + req.remote().getAddress().getHostAddress() + ":" + req.remote().getPort() + who + extra;
    }

    /** @return the addresses bound */
    List<Listen> listening() {
        return app.listening();
    }

    /** @return the calls up now */
    int calls() {
        return app.dialogs().count();
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
