package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls we place, against a second App over 127.0.0.1 . */
class PlacedCallsTest {
    private static final StackConfig QUICK = StackConfig.builder().t1(Duration.ofMillis(100))
            .shutdownGrace(Duration.ofMillis(300)).build();
    private final App server = Drachtio.app(QUICK);
    private final App client = Drachtio.app(QUICK);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private String serverUri() {
        return "sip:bob@127.0.0.1:" + server.listening().getFirst().port();
    }

    /** @return the call's final response, waited for on a virtual thread of its own */
    private static CompletableFuture<SipResponse> finalOf(PendingCall call) {
        CompletableFuture<SipResponse> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(call.awaitFinal());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    @Test
    void closingTheAppWhileOurInviteRingsCancelsItAndTheWaiterReturns() throws Exception {
        server.listen(Listen.udp("127.0.0.1", 0));
        CountDownLatch ringing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        server.invite((req, res) -> {
            req.onCancel(c -> cancelled.countDown());
            res.send(180);
            ringing.countDown();
            cancelled.await(20, TimeUnit.SECONDS);
        });
        client.listen(Listen.udp("127.0.0.1", 0));

        PendingCall call = client.uac().start(serverUri(), Parts.NONE);
        CompletableFuture<SipResponse> outcome = finalOf(call);
        assertThat(ringing.await(5, TimeUnit.SECONDS)).isTrue();

        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            PendingCall unheard = client.uac().start("sip:bob@127.0.0.1:" + silent.getLocalPort(), Parts.NONE);
            CompletableFuture<SipResponse> nothing = finalOf(unheard);

            client.close(); // App.close: "closes the stack once the transactions in flight finish, within the grace"

            // a call to a peer that never answered ends with the stack's own 503 once the grace is over
            assertThat(nothing).succeedsWithin(Duration.ofSeconds(5)).extracting(SipResponse::status).isEqualTo(503);
        }

        // the callee must not ring on for ever (RFC 3261 9.1), and the app's thread must not hang
        assertThat(outcome).as("awaitFinal() returned after close").succeedsWithin(Duration.ofSeconds(5));
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("CANCEL reached the callee").isTrue();
    }

    @Test
    void withTimeoutBoundsTheWaitForACallToAPeerThatNeverAnswers() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            client.listen(Listen.udp("127.0.0.1", 0));
            PendingCall call = client.uac().withTimeout(Duration.ofMillis(500))
                    .start("sip:bob@127.0.0.1:" + silent.getLocalPort(), Parts.NONE);
            CompletableFuture<SipResponse> outcome = finalOf(call);

            // Uac.withTimeout: "how long to wait for a final response before giving up"; the CANCEL
            // itself waits for a provisional that never comes (RFC 3261 9.1), the caller does not
            assertThat(outcome).as("awaitFinal() with a 500 ms timeout").succeedsWithin(Duration.ofSeconds(3))
                    .extracting(SipResponse::status).isEqualTo(408);
        }
    }

    @Test
    void a2xxWhoseAckCannotBeSentLeavesNoDialogAndFailsWithAnApiException() throws Exception {
        server.listen(Listen.udp("127.0.0.1", 0));
        server.invite((req, res) -> res.send(200, Parts.header("Contact", "<sip:bob@no-such-host.invalid>")));
        client.listen(Listen.udp("127.0.0.1", 0));

        Throwable thrown = null;
        try {
            client.uac().call(serverUri(), Parts.NONE);
        } catch (RuntimeException e) {
            thrown = e;
        }

        // the app gets no Dialog, so nothing of the App may keep one alive for it
        assertThat(client.dialogs().count()).as("live dialogs after a failed call()").isZero();
        assertThat(thrown).as("what call() throws").isInstanceOf(drachtio.api.DialogEndedException.class)
                .hasMessageContaining("no-such-host.invalid");
    }
}
