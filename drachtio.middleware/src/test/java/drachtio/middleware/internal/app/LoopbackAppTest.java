package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two Apps on the embedded stack over 127.0.0.1: one asks, the other answers. */
class LoopbackAppTest {
    private static final StackConfig QUICK_CLOSE = StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build();
    private final App server = Drachtio.app(QUICK_CLOSE);
    private final App client = Drachtio.app(QUICK_CLOSE);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private String serverUri(String transport) {
        Listen l = server.listening().stream().filter(x -> x.transport().equals(transport)).findFirst().orElseThrow();
        return "sip:bob@127.0.0.1:" + l.port() + (transport.equals("TCP") ? ";transport=tcp" : "");
    }

    @Test
    void findsTheAppThroughServiceLoaderAndBindsEphemeralPorts() {
        List<Listen> bound = server.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));

        assertThat(server).isInstanceOf(ExpressApp.class);
        assertThat(bound).extracting(Listen::transport).containsExactly("UDP", "TCP");
        assertThat(bound).allSatisfy(l -> assertThat(l.port()).isPositive());
        assertThat(server.listening()).isEqualTo(bound);
    }

    @Test
    void uacGetsTheFinalResponseOverUdpAndTcpWithProvisionalsReported() {
        server.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));
        server.info((req, res) -> {
            res.send(182, "Queued");
            res.send(200, Parts.header("X-Echo", req.header("X-Ask").orElse("none"))
                    .withBody("text/plain", "got " + req.bodyText() + " over " + req.transport()));
        });
        client.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));
        List<Integer> provisional = new CopyOnWriteArrayList<>();

        for (String transport : List.of("UDP", "TCP")) {
            SipResponse r = client.uac().onProvisional(p -> provisional.add(p.status()))
                    .info(serverUri(transport), Parts.header("X-Ask", "hello").withBody("application/text", "ping"));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Echo")).contains("hello");
            assertThat(r.bodyText()).isEqualTo("got ping over " + transport);
        }
        assertThat(provisional).containsExactly(182, 182);
    }

    @Test
    void unroutedMethodsGet405FromARealStack() {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.register((req, res) -> res.send(200));
        client.listen(Listen.udp("127.0.0.1", 0));

        SipResponse r = client.uac().options(serverUri("UDP"));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("REGISTER");
    }

    @Test
    void aRequirementTheAppDoesNotSupportGets420WithUnsupported() {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.options((req, res) -> res.send(200));
        server.supports("timer");
        client.listen(Listen.udp("127.0.0.1", 0));

        SipResponse refused = client.uac().options(serverUri("UDP"), Parts.header("Require", "timer, 100rel"));
        SipResponse served = client.uac().options(serverUri("UDP"), Parts.header("Require", "timer"));

        assertThat(refused.status()).isEqualTo(420);
        assertThat(refused.header("Unsupported")).contains("100rel");
        assertThat(served.status()).isEqualTo(200);
    }

    @Test
    void inviteAnsweredWith200IsAcknowledged() {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.invite((req, res) -> res.send(200, Parts.header("Contact", "<" + serverUri("UDP") + ">")
                .withBody("application/sdp", "v=0\r\n")));
        client.listen(Listen.udp("127.0.0.1", 0));

        SipResponse r = client.uac().invite(serverUri("UDP"), Parts.body("application/sdp", "v=0\r\n"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.to().tag()).isPresent();
    }

    @Test
    void nonInviteTimeoutReturnsALocal408() {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.message((req, res) -> Thread.sleep(2_000));
        client.listen(Listen.udp("127.0.0.1", 0));

        SipResponse r = client.uac().withTimeout(Duration.ofMillis(300)).message(serverUri("UDP"), Parts.body("text/plain", "hi"));

        assertThat(r.status()).isEqualTo(408);
    }

    @Test
    void closeLetsARequestInTheAppsHandsFinish() throws Exception {
        App patient = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofSeconds(5)).build());
        var inHandler = new java.util.concurrent.CountDownLatch(1);
        patient.options((req, res) -> {
            inHandler.countDown();
            Thread.sleep(300);
            res.send(200, "Finished Anyway");
        });
        int port = patient.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();
        client.listen(Listen.udp("127.0.0.1", 0));

        var answer = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> client.uac().options("sip:bob@127.0.0.1:" + port));
        assertThat(inHandler.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        patient.close();

        assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS).reason()).isEqualTo("Finished Anyway");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aTargetThatDoesNotResolveIsTheStacks503AndACallToItFails() {
        client.listen(Listen.udp("127.0.0.1", 0));

        // RFC 3261 8.1.3.1, and what Uac promises: a transport failure is a 503 made by the stack
        SipResponse r = client.uac().options("sip:bob@no-such-host.invalid");

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reason()).contains("no-such-host.invalid");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.uac().call("sip:bob@no-such-host.invalid",
                Parts.NONE)).isInstanceOf(drachtio.api.CallFailedException.class);
    }

    @Test
    void uacResolvesAHostName() {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.options((req, res) -> res.send(200, Parts.header("X-Uri", req.uri())));
        client.listen(Listen.udp("127.0.0.1", 0));
        int port = server.listening().getFirst().port();

        SipResponse r = client.uac().options("sip:bob@localhost:" + port);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Uri")).contains("sip:bob@localhost:" + port);
    }

    @Test
    void aCallCancelledWhileItsChallengeIsAnsweredIsNotPlacedAndOneCancelledAfterIsCancelled() throws Exception {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.use(drachtio.api.message.Method.INVITE, drachtio.middleware.DigestAuth.builder().realm("r")
                .passwords((realm, user) -> java.util.Optional.of("pw")).build());
        List<Integer> invites = new CopyOnWriteArrayList<>();
        var ringing = new java.util.concurrent.CountDownLatch(1);
        server.invite((req, res) -> {
            invites.add(invites.size() + 1);
            res.send(180);
            ringing.countDown();
            Thread.sleep(3_000);
            res.answer(Parts.NONE);
        });
        client.listen(Listen.udp("127.0.0.1", 0));
        var asked = new java.util.concurrent.CountDownLatch(1);
        var go = new java.util.concurrent.CountDownLatch(1);
        drachtio.api.Uac slowLogin = client.uac().withLogins(realm -> {
            asked.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return java.util.Optional.of(drachtio.api.Login.of("alice", "pw"));
        });

        // cancelled while the login is looked up: the challenge is the outcome, no second INVITE
        drachtio.api.PendingCall early = slowLogin.start(serverUri("UDP"), Parts.NONE);
        var outcome = new java.util.concurrent.CompletableFuture<SipResponse>();
        Thread.ofVirtual().start(() -> outcome.complete(early.awaitFinal()));
        assertThat(asked.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(early.cancel().status()).isEqualTo(401);
        go.countDown();
        assertThat(outcome.get(5, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(401);

        // cancelled once the authenticated INVITE rings: that INVITE is cancelled
        drachtio.api.PendingCall late = client.uac().withLogins(realm -> java.util.Optional.of(
                drachtio.api.Login.of("alice", "pw"))).start(serverUri("UDP"), Parts.NONE);
        var lateOutcome = new java.util.concurrent.CompletableFuture<SipResponse>();
        Thread.ofVirtual().start(() -> lateOutcome.complete(late.awaitFinal()));
        assertThat(ringing.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(late.cancel().status()).isEqualTo(487);
        assertThat(lateOutcome.get(5, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(487);
        assertThat(invites).containsExactly(1);
    }
}
