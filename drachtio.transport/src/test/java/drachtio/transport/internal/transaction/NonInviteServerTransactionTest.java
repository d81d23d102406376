package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.transaction.NonInviteServerTransaction.State;
import org.junit.jupiter.api.Test;

/** RFC 3261 17.2.2 (figure 8), on a virtual clock. */
class NonInviteServerTransactionTest {
    private final Fixture f = new Fixture();
    private final SipRequest register = Sip.request("REGISTER", "z9hG4bKnist1", 3, null);

    private NonInviteServerTransaction arrive(Hop from) {
        return new NonInviteServerTransaction(f.env, register, from, "key", "z9hG4bKnist1");
    }

    private SipResponse reply(int status) {
        return SipResponse.replyTo(register, status).setHeader("To", "<sip:bob@example.com>;tag=uas").build();
    }

    private void retransmission(NonInviteServerTransaction t) {
        t.fire(new NonInviteServerTransaction.Retransmission());
    }

    @Test
    void retransmissionInTryingIsAbsorbedWithoutAnswer() {
        NonInviteServerTransaction t = arrive(Sip.UDP);
        retransmission(t);
        assertThat(f.sender.sent).isEmpty();
        assertThat(t.state()).isEqualTo(State.TRYING);
        assertThat(f.counters.retransmissionsAbsorbed.sum()).isEqualTo(1);
    }

    @Test
    void provisionalMovesToProceedingAndIsResentOnRetransmission() {
        NonInviteServerTransaction t = arrive(Sip.UDP);
        assertThat(t.respond(reply(100))).isTrue();
        assertThat(t.state()).isEqualTo(State.PROCEEDING);
        retransmission(t);
        t.respond(reply(183));
        retransmission(t);
        assertThat(f.sender.responses()).extracting(SipResponse::status).containsExactly(100, 100, 183, 183);
    }

    @Test
    void finalMovesToCompletedResendsOnRetransmissionAndTimerJTerminates() {
        NonInviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(200));
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        assertThat(t.finalSent()).isTrue();
        f.clock.advanceMillis(10_000);
        retransmission(t);
        assertThat(f.sender.timesOf(200)).containsExactly(0L, 10_000L);
        assertThat(t.respond(reply(500))).isFalse();
        f.clock.advanceMillis(21_999);
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void finalResponseIsNeverRetransmittedOnItsOwn() {
        NonInviteServerTransaction t = arrive(Sip.UDP);
        t.respond(reply(404));
        f.clock.advanceMillis(40_000);
        assertThat(f.sender.responses(404)).hasSize(1);
    }

    @Test
    void reliableTransportTerminatesOnTheFinalResponse() {
        NonInviteServerTransaction t = arrive(Sip.TCP);
        t.respond(reply(200));
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
        assertThat(f.clock.pending()).isZero();
        assertThat(f.sender.sent.getFirst().hop()).isEqualTo(Sip.TCP);
    }

    @Test
    void transportFailureEndsTheTransactionAndTellsTheTu() {
        NonInviteServerTransaction t = arrive(Sip.UDP);
        f.sender.failing = true;
        assertThat(t.respond(reply(200))).isFalse();
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.transportErrors).singleElement()
                .satisfies(e -> assertThat(e).hasMessageContaining("refused"));
    }
}
