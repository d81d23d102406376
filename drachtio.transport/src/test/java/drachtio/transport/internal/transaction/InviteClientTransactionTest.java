package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.transaction.InviteClientTransaction.State;
import org.junit.jupiter.api.Test;

/** RFC 3261 17.1.1 (figure 5) with RFC 6026 7.2, on a virtual clock. */
class InviteClientTransactionTest {
    private final Fixture f = new Fixture();
    private final Fixture.Listener listener = new Fixture.Listener();
    private final SipRequest invite = Sip.invite("z9hG4bKict1");

    private InviteClientTransaction start(Hop hop) {
        InviteClientTransaction t = new InviteClientTransaction(f.env, invite, hop, "key", "z9hG4bKict1", listener);
        t.fire(new InviteClientTransaction.Start());
        return t;
    }

    private void receive(InviteClientTransaction t, int status) {
        t.fire(new InviteClientTransaction.Received(Sip.response(invite, status, status > 100 ? "to-b" : null)));
    }

    @Test
    void sendsTheInviteAndRetransmitsWithTimerAAtT1DoublingWithoutCap() {
        start(Sip.UDP);
        assertThat(f.sender.timesOf("INVITE")).containsExactly(0L);
        f.clock.advanceMillis(31_000);
        // A: 500, then 1000, 2000, 4000, 8000, 16000 apart (no T2 cap for an INVITE)
        assertThat(f.sender.timesOf("INVITE")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15_500L);
        assertThat(f.counters.retransmissionsSent.sum()).isEqualTo(5);
    }

    @Test
    void timerBEndsTheCallingStateAt64T1WithA408() {
        InviteClientTransaction t = start(Sip.UDP);
        f.clock.advanceMillis(31_999);
        assertThat(listener.finals).isEmpty();
        f.clock.advanceMillis(1);
        assertThat(listener.finals).singleElement().satisfies(r -> {
            assertThat(r.response().status()).isEqualTo(408);
            assertThat(r.cause()).isEqualTo(FinalResponse.Cause.TIMEOUT);
            assertThat(r.synthesized()).isTrue();
            assertThat(r.response().callId()).isEqualTo(invite.callId());
        });
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void provisionalMovesToProceedingAndStopsRetransmissionsAndTimerB() {
        InviteClientTransaction t = start(Sip.UDP);
        f.clock.advanceMillis(600);
        receive(t, 180);
        assertThat(t.state()).isEqualTo(State.PROCEEDING);
        assertThat(listener.provisional).extracting(SipResponse::status).containsExactly(180);
        f.clock.advanceMillis(60_000);
        assertThat(f.sender.timesOf("INVITE")).containsExactly(0L, 500L);
        assertThat(listener.finals).isEmpty();
        receive(t, 183);
        assertThat(listener.provisional).extracting(SipResponse::status).containsExactly(180, 183);
    }

    @Test
    void twoHundredMovesToAcceptedAndGoesUpWithoutAnAckFromTheTransaction() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 100);
        receive(t, 200);
        assertThat(t.state()).isEqualTo(State.ACCEPTED);
        assertThat(listener.finals).singleElement()
                .satisfies(r -> assertThat(r.response().status()).isEqualTo(200))
                .satisfies(r -> assertThat(r.cause()).isEqualTo(FinalResponse.Cause.RECEIVED));
        assertThat(f.sender.requests("ACK")).isEmpty();
    }

    @Test
    void acceptedPassesFurther2xxUpUntilTimerMTerminates() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 200);
        f.clock.advanceMillis(10_000);
        receive(t, 200);
        assertThat(listener.additional).hasSize(1);
        assertThat(listener.finals).hasSize(1);
        assertThat(f.sender.timesOf("INVITE")).containsExactly(0L);
        f.clock.advanceMillis(21_999);
        assertThat(t.state()).isEqualTo(State.ACCEPTED);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
    }

    @Test
    void nonSuccessFinalIsAcknowledgedAsRfc3261Section17113Says() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 180);
        receive(t, 486);
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(486));
        SipRequest ack = f.sender.requests("ACK").getFirst();
        assertThat(ack.uri()).isEqualTo(invite.uri());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.to().tag()).contains("to-b");
        assertThat(ack.cseq().sequence()).isEqualTo(1);
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.routes()).isEqualTo(invite.routes());
        assertThat(f.sender.sent.getLast().hop()).isEqualTo(Sip.UDP);
    }

    @Test
    void completedAbsorbsFinalRetransmissionsWithTheSameAckUntilTimerD() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 503);
        f.clock.advanceMillis(1_000);
        receive(t, 503);
        receive(t, 503);
        assertThat(f.sender.requests("ACK")).hasSize(3).allSatisfy(a -> assertThat(a).isSameAs(f.sender.requests("ACK").getFirst()));
        assertThat(listener.finals).hasSize(1);
        assertThat(f.counters.retransmissionsAbsorbed.sum()).isEqualTo(2);
        f.clock.advanceMillis(30_999);
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
    }

    @Test
    void reliableTransportNeverRetransmitsAndSkipsTimerD() {
        InviteClientTransaction t = start(Sip.TCP);
        f.clock.advanceMillis(31_000);
        assertThat(f.sender.timesOf("INVITE")).containsExactly(0L);
        receive(t, 404);
        assertThat(f.sender.requests("ACK")).hasSize(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void reliableTransportStillTimesOutWithTimerB() {
        start(Sip.TCP);
        f.clock.advanceMillis(32_000);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(408));
    }

    @Test
    void transportFailureEndsTheTransactionWithA503() {
        f.sender.failing = true;
        InviteClientTransaction t = start(Sip.UDP);
        assertThat(listener.finals).singleElement().satisfies(r -> {
            assertThat(r.response().status()).isEqualTo(503);
            assertThat(r.cause()).isEqualTo(FinalResponse.Cause.TRANSPORT_ERROR);
            assertThat(r.error()).hasMessageContaining("refused");
        });
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void failureOfARetransmissionEndsTheTransactionWithA503() {
        InviteClientTransaction t = start(Sip.UDP);
        f.sender.failing = true;
        f.clock.advanceMillis(500);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(503));
        assertThat(t.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForOneThenSendsTheCancel() {
        InviteClientTransaction t = start(Sip.UDP);
        assertThat(t.cancel()).isTrue();
        assertThat(f.hooks.cancels).isEmpty();
        receive(t, 100);
        assertThat(f.hooks.cancels).singleElement().satisfies(c -> {
            assertThat(c.method().name()).isEqualTo("CANCEL");
            assertThat(c.uri()).isEqualTo(invite.uri());
            assertThat(c.callId()).isEqualTo(invite.callId());
            assertThat(c.from()).isEqualTo(invite.from());
            assertThat(c.to()).isEqualTo(invite.to());
            assertThat(c.cseq().sequence()).isEqualTo(1);
            assertThat(c.cseq().method()).isEqualTo("CANCEL");
            assertThat(c.vias()).containsExactly(invite.topVia());
            assertThat(c.routes()).isEqualTo(invite.routes());
        });
    }

    @Test
    void cancelInProceedingGoesOutOnceAndThe487IsAcknowledged() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 180);
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).isTrue();
        assertThat(f.hooks.cancels).hasSize(1);
        receive(t, 487);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(487));
        assertThat(f.sender.requests("ACK")).hasSize(1);
        f.clock.advanceMillis(40_000);
        assertThat(listener.finals).hasSize(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void cancelledInviteWithoutFinalResponseGivesUpAfter64T1() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 180);
        f.clock.advanceMillis(5_000);
        t.cancel();
        f.clock.advanceMillis(31_999);
        assertThat(listener.finals).isEmpty();
        f.clock.advanceMillis(1);
        assertThat(listener.finals).singleElement().satisfies(r -> {
            assertThat(r.response().status()).isEqualTo(408);
            assertThat(r.cause()).isEqualTo(FinalResponse.Cause.TIMEOUT);
        });
        assertThat(t.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void cancelAfterTheFinalResponseIsRefused() {
        InviteClientTransaction t = start(Sip.UDP);
        receive(t, 200);
        assertThat(t.cancel()).isFalse();
        assertThat(f.hooks.cancels).isEmpty();
    }

    @Test
    void finalResponseBeforeAPendingCancelCouldGoOutSuppressesIt() {
        InviteClientTransaction t = start(Sip.UDP);
        t.cancel();
        receive(t, 486);
        assertThat(f.hooks.cancels).isEmpty();
        assertThat(listener.finals).hasSize(1);
    }
}
