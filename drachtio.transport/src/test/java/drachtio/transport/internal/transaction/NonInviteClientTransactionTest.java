package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.transaction.NonInviteClientTransaction.State;
import org.junit.jupiter.api.Test;

/** RFC 3261 17.1.2 (figure 6), on a virtual clock. */
class NonInviteClientTransactionTest {
    private final Fixture f = new Fixture();
    private final Fixture.Listener listener = new Fixture.Listener();
    private final SipRequest options = Sip.request("OPTIONS", "z9hG4bKnict1", 7, null);

    private NonInviteClientTransaction start(Hop hop) {
        NonInviteClientTransaction t = new NonInviteClientTransaction(f.env, options, hop, "key", "z9hG4bKnict1", listener);
        t.fire(new NonInviteClientTransaction.Start());
        return t;
    }

    private void receive(NonInviteClientTransaction t, int status) {
        t.fire(new NonInviteClientTransaction.Received(Sip.response(options, status, "to-b")));
    }

    @Test
    void timerERetransmitsDoublingUpToT2InTrying() {
        start(Sip.UDP);
        f.clock.advanceMillis(20_000);
        // intervals 500, 1000, 2000, 4000, then capped at T2 = 4000
        assertThat(f.sender.timesOf("OPTIONS")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11_500L, 15_500L, 19_500L);
    }

    @Test
    void proceedingRetransmitsEveryT2() {
        NonInviteClientTransaction t = start(Sip.UDP);
        f.clock.advanceMillis(100);
        receive(t, 100);
        assertThat(t.state()).isEqualTo(State.PROCEEDING);
        assertThat(listener.provisional).extracting(SipResponse::status).containsExactly(100);
        f.clock.advanceMillis(12_000);
        // E fired in Proceeding at 500 ms and is then reset to T2
        assertThat(f.sender.timesOf("OPTIONS")).containsExactly(0L, 500L, 4500L, 8500L);
    }

    @Test
    void timerFTimesOutWithA408() {
        NonInviteClientTransaction t = start(Sip.UDP);
        f.clock.advanceMillis(31_999);
        assertThat(listener.finals).isEmpty();
        f.clock.advanceMillis(1);
        assertThat(listener.finals).singleElement().satisfies(r -> {
            assertThat(r.response().status()).isEqualTo(408);
            assertThat(r.cause()).isEqualTo(FinalResponse.Cause.TIMEOUT);
            assertThat(r.response().cseq().method()).isEqualTo("OPTIONS");
        });
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.hooks.terminated).containsExactly(t);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void timerFAlsoRunsInProceeding() {
        NonInviteClientTransaction t = start(Sip.UDP);
        receive(t, 100);
        f.clock.advanceMillis(32_000);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(408));
        assertThat(t.state()).isEqualTo(State.TERMINATED);
    }

    @Test
    void finalResponseGoesUpAndTimerKAbsorbsRetransmissionsForT4() {
        NonInviteClientTransaction t = start(Sip.UDP);
        receive(t, 200);
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(200));
        receive(t, 200);
        assertThat(listener.finals).hasSize(1);
        assertThat(f.counters.retransmissionsAbsorbed.sum()).isEqualTo(1);
        f.clock.advanceMillis(4_999);
        assertThat(t.state()).isEqualTo(State.COMPLETED);
        assertThat(f.sender.timesOf("OPTIONS")).containsExactly(0L);
        f.clock.advanceMillis(1);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void reliableTransportSendsOnceAndTerminatesOnTheFinalResponse() {
        NonInviteClientTransaction t = start(Sip.TCP);
        f.clock.advanceMillis(20_000);
        assertThat(f.sender.timesOf("OPTIONS")).containsExactly(0L);
        receive(t, 404);
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(listener.finals).hasSize(1);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void transportFailureOnARetransmissionEndsWithA503() {
        NonInviteClientTransaction t = start(Sip.UDP);
        f.sender.failing = true;
        f.clock.advanceMillis(500);
        assertThat(listener.finals).singleElement().satisfies(r -> {
            assertThat(r.response().status()).isEqualTo(503);
            assertThat(r.cause()).isEqualTo(FinalResponse.Cause.TRANSPORT_ERROR);
        });
        assertThat(t.state()).isEqualTo(State.TERMINATED);
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void aNonInviteCannotBeCancelled() {
        NonInviteClientTransaction t = start(Sip.UDP);
        assertThatThrownBy(t::cancel).isInstanceOf(UnsupportedOperationException.class);
    }
}
