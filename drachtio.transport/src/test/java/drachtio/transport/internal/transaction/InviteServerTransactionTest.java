package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.transaction.InviteServerTransaction.State;
import org.junit.jupiter.api.Test;

/** RFC 3261 17.2.1 (figure 7) with RFC 6026 7.1, on a virtual clock. */
class InviteServerTransactionTest {
    private final Fixture f = new Fixture();
    private final SipRequest invite = Sip.invite("z9hG4bKist1");

    private InviteServerTransaction arrive(Hop from) {
        InviteServerTransaction t = new InviteServerTransaction(f.env, invite, from, "key", "z9hG4bKist1");
        t.start();
        return t;
    }

    private SipResponse reply(int status) {
        return SipResponse.replyTo(invite, status).setHeader("To", "<sip:bob@example.com>;tag=uas").build();
    }

    @Test
    void sends100TryingAfter200msWhenTheTuIsSilent() {
        InviteServerTransaction t = arrive(Sip.UDP);
        f.clock.advanceMillis(199);
        assertThat(f.sender.sent).isEmpty();
        f.clock.advanceMillis(1);
        assertThat(f.sender.responses(100)).singleElement().satisfies(r -> {
            assertThat(r.callId()).isEqualTo(invite.callId());
            assertThat(r.vias()).isEqualTo(invite.vias());
        });
        assertThat(t.state()).isEqualTo(State.PROCEEDING);
        assertThat(t.lastResponse()).map(SipResponse::status).contains(100);
    }

    @Test
    void a100TryingOverTcpIsWrittenOffTheTimersThread() throws Exception {
        // a write over TCP may wait on its connection or open one: never on the thread all timers share
        java.util.concurrent.CompletableFuture<Thread> writer = new java.util.concurrent.CompletableFuture<>();
        f.sender.onSend = m -> writer.complete(Thread.currentThread());
        arrive(Sip.TCP);

        f.clock.advanceMillis(200);

        Thread thread = writer.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(thread.isVirtual()).isTrue();
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(f.sender.responses(100)).hasSize(1);
    }

    @Test
    void sendsNo100TryingWhenTheTuAnsweredFirst() {
        InviteServerTransaction t = arrive(Sip.UDP);
        f.clock.advanceMillis(50);
        assertThat(t.respond(reply(180))).isTrue();
        f.clock.advanceMillis(1_000);
        assertThat(f.sender.responses()).extracting(SipResponse::status).containsExactly(180);
    }

    @Test
    void retransmittedInviteInProceedingGetsTheLastProvisionalAgain() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.fire(new InviteServerTransaction.Retransmission());
        assertThat(f.sender.sent).isEmpty();
        t.respond(reply(180));
        t.fire(new InviteServerTransaction.Retransmission());
        assertThat(f.sender.responses()).extracting(SipResponse::status).containsExactly(180, 180);
        assertThat(f.counters.retransmissionsAbsorbed.sum()).isEqualTo(2);
    }

    @Test
    void twoHundredMovesToAcceptedAndHandsRetransmissionToTheCore() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(200));
        assertThat(t.state()).isEqualTo(State.ACCEPTED);
        assertThat(t.finalSent()).isTrue();
        assertThat(f.hooks.sent2xx).extracting(SipResponse::status).containsExactly(200);
        f.clock.advanceMillis(10_000);
        // the transaction itself never retransmits a 2xx
        assertThat(f.sender.responses(200)).hasSize(1);
    }

    @Test
    void acceptedAbsorbsInviteRetransmissionsSendsTu2xxAndTerminatesOnTimerL() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(200));
        t.fire(new InviteServerTransaction.Retransmission());
        assertThat(f.sender.responses(200)).hasSize(1);
        assertThat(t.respond(reply(200))).isTrue();
        assertThat(f.sender.responses(200)).hasSize(2);
        assertThat(t.respond(reply(486))).isFalse();
        assertThat(t.fire(new InviteServerTransaction.Ack())).isFalse();
        f.clock.advanceMillis(31_999);
        assertThat(t.state()).isEqualTo(State.ACCEPTED);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
    }

    @Test
    void finalNonSuccessIsRetransmittedByTimerGDoublingUpToT2() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(486));
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        f.clock.advanceMillis(20_000);
        assertThat(f.sender.timesOf(486)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11_500L, 15_500L, 19_500L);
    }

    @Test
    void timerHEndsTheWaitForTheAckAndTellsTheTu() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(486));
        f.clock.advanceMillis(31_999);
        assertThat(f.hooks.timeouts).isEmpty();
        f.clock.advanceMillis(1);
        assertThat(f.hooks.timeouts).containsExactly(t);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void ackMovesToConfirmedStopsRetransmissionsAndTimerITerminates() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(486));
        f.clock.advanceMillis(600);
        assertThat(t.fire(new InviteServerTransaction.Ack())).isTrue();
        assertThat(t.state()).isEqualTo(State.CONFIRMED);
        assertThat(t.fire(new InviteServerTransaction.Ack())).isTrue();
        t.fire(new InviteServerTransaction.Retransmission());
        f.clock.advanceMillis(4_999);
        assertThat(f.sender.timesOf(486)).containsExactly(0L, 500L);
        assertThat(t.state()).isEqualTo(State.CONFIRMED);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.timeouts).isEmpty();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void retransmittedInviteInCompletedGetsTheFinalResponseAgain() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(180));
        t.respond(reply(603));
        t.fire(new InviteServerTransaction.Retransmission());
        assertThat(f.sender.responses()).extracting(SipResponse::status).containsExactly(180, 603, 603);
    }

    @Test
    void reliableTransportSkipsTimerGAndTerminatesOnTheAck() {
        InviteServerTransaction t = arrive(Sip.TCP);
        t.respond(reply(486));
        f.clock.advanceMillis(10_000);
        assertThat(f.sender.responses(486)).hasSize(1);
        t.fire(new InviteServerTransaction.Ack());
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void transportFailureEndsTheTransactionAndTellsTheTu() {
        InviteServerTransaction t = arrive(Sip.UDP);
        f.sender.failing = true;
        assertThat(t.respond(reply(180))).isFalse();
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.transportErrors).hasSize(1);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void responsesAfterTheFinalOneAreRefused() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(404));
        assertThat(t.respond(reply(200))).isFalse();
        assertThat(t.respond(reply(180))).isFalse();
        assertThat(f.sender.responses()).extracting(SipResponse::status).containsExactly(404);
    }

    @Test
    void peerCancelAnswers487WithTheToTagItIsGiven() {
        InviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(180));
        assertThat(t.toTag()).isEqualTo("uas");
        assertThat(t.cancelledByPeer("uas")).isTrue();
        assertThat(f.sender.responses(487)).singleElement()
                .satisfies(r -> assertThat(r.to().tag()).contains("uas"));
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        assertThat(t.cancelledByPeer("uas")).isFalse();
    }

    @Test
    void peerCancelBeforeAnyResponseTakesTheCancelsTag() {
        InviteServerTransaction t = arrive(Sip.UDP);
        assertThat(t.cancelledByPeer("fresh")).isTrue();
        assertThat(f.sender.responses(487)).singleElement()
                .satisfies(r -> assertThat(r.to().tag()).contains("fresh"));
        assertThat(t.toTag()).isEqualTo("fresh");
    }

    @Test
    void responsesGoToTheSentByPortWithoutRport() {
        SipRequest noRport = (SipRequest) Sip.parse(new String(invite.toBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace(";rport", "").replace("192.0.2.9:5060", "192.0.2.9:5070").replace("\r\n", "\n"));
        InviteServerTransaction t = new InviteServerTransaction(f.env, noRport, Sip.UDP, "key", "b");
        t.respond(SipResponse.replyTo(noRport, 180).build());
        assertThat(f.sender.sent.getLast().hop().remote().getPort()).isEqualTo(5070);
        assertThat(f.sender.sent.getLast().hop().remote().getAddress()).isEqualTo(Sip.UDP.remote().getAddress());
    }
}
