package drachtio.middleware.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import drachtio.testkit.Sipp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest authentication both ways against the real sipp: sipp as UAC and as a challenging UAS. */
class DigestSippTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Map<String, String> PASSWORDS = Map.of("alice", "secret", "bob", "hunter2");

    private App app;
    private final AtomicInteger registered = new AtomicInteger();
    private int udpPort;
    private int tcpPort;

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() {
        // the default T1: a short one makes our INVITE retransmit while a loaded sipp is still
        // sending its 407, and the scenario would take that copy for the authenticated retry
        app = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build());
        // sipp 3.6.1 computes MD5 only, so the challenge offers MD5 alone here
        app.use(Method.REGISTER, DigestAuth.builder().realm("drachtio.test").algorithms(List.of("MD5"))
                .passwords((realm, user) -> Optional.ofNullable(PASSWORDS.get(user))).build());
        app.register((req, res) -> {
            registered.incrementAndGet();
            res.send(200, Parts.header("X-User", req.attribute(AuthenticatedUser.class).orElseThrow().user())
                    .with("X-Expires", req.expires().orElse(-1)));
        });
        var bound = app.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));
        udpPort = bound.get(0).port();
        tcpPort = bound.get(1).port();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Sipp.Result sipp(String scenario, String csv, String transport, int calls) throws Exception {
        return Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario(scenario).toString(), "-inf", Sipp.scenario(csv).toString(),
                "127.0.0.1:" + (transport.equals("u1") ? udpPort : tcpPort), "-t", transport,
                "-m", Integer.toString(calls), "-r", "20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void registerIsChallengedThenAccepted(String transport) throws Exception {
        Sipp.Result r = sipp("register-auth-uac.xml", "users.csv", transport, 10);

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(10);
        assertThat(registered).hasValue(10);
    }

    @Test
    void wrongPasswordIsChallengedAgainAndNeverReachesTheRoute() throws Exception {
        Sipp.Result r = sipp("register-wrong-uac.xml", "users-wrong.csv", "u1", 5);

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(5);
        assertThat(registered).hasValue(0);
    }

    @Test
    void replayedAuthorizationIsRefused() throws Exception {
        // first a genuine registration, with sipp logging what it sent
        Path sent = Files.createTempFile("sipp-sent", ".log");
        Sipp.Result first = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("register-auth-uac.xml").toString(),
                "-inf", Sipp.scenario("users.csv").toString(), "127.0.0.1:" + udpPort, "-t", "u1", "-m", "1",
                "-trace_msg", "-message_file", sent.toString());
        assertThat(first.allSucceeded()).as(first.output()).isTrue();
        String authorization = Files.readAllLines(sent).stream().map(String::strip)
                .filter(l -> l.startsWith("Authorization:")).findFirst().orElseThrow()
                .substring("Authorization:".length()).strip();
        Files.deleteIfExists(sent);

        // then the very same credentials again, from sipp, in a new request
        Sipp.Result replay = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("register-replay-uac.xml").toString(),
                "127.0.0.1:" + udpPort, "-t", "u1", "-m", "1", "-key", "replay", authorization);

        assertThat(replay.allSucceeded()).as(replay.output()).isTrue();
        assertThat(registered).as("only the first use of the credentials got through").hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void uacAnswersTheChallengeOfASippRegistrar(String transport) throws Exception {
        int sippPort = Sipp.freePort();
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, "-sf",
                Sipp.scenario("register-challenge-uas.xml").toString(), "-p", Integer.toString(sippPort), "-t",
                transport, "-m", "1");
        Sipp.awaitListening(transport, sippPort);
        String aor = "sip:alice@127.0.0.1:" + sippPort + (transport.equals("t1") ? ";transport=tcp" : "");

        SipResponse answer = app.uac().withLogin(Login.of("alice", "secret")).register(aor, Parts.NONE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Verified")).contains("yes");
        Sipp.Result r = uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
    }

    @Test
    void uacWithAWrongPasswordGetsTheRegistrarsRefusal() throws Exception {
        int sippPort = Sipp.freePort();
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, "-sf",
                Sipp.scenario("register-challenge-uas.xml").toString(), "-p", Integer.toString(sippPort), "-t", "u1",
                "-m", "1");
        Sipp.awaitListening("u1", sippPort);

        SipResponse answer = app.uac().withLogin(Login.of("alice", "not-secret"))
                .register("sip:alice@127.0.0.1:" + sippPort, Parts.NONE);

        assertThat(answer.status()).isEqualTo(403);
        uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
    }

    @Test
    void callIsRetriedWithProxyAuthorizationAfterA407() throws Exception {
        int sippPort = Sipp.freePort();
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, "-sf",
                Sipp.scenario("invite-challenge-uas.xml").toString(), "-p", Integer.toString(sippPort), "-t", "u1",
                "-m", "1");
        Sipp.awaitListening("u1", sippPort);

        Dialog call = app.uac().withLogin(Login.of("alice", "secret"))
                .call("sip:bob@127.0.0.1:" + sippPort, Parts.body("application/sdp", "v=0\r\n"));

        assertThat(call.remoteSdp()).hasValueSatisfying(sdp -> assertThat(sdp).contains("m=audio 6000"));
        call.bye();
        Sipp.Result r = uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(app.dialogs().count()).isZero();
    }
}
