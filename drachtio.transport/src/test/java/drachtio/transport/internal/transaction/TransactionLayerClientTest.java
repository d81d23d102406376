package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.SipTimers;
import drachtio.transport.internal.Hop;
import org.junit.jupiter.api.Test;

/** The layer's client side: matching (17.1.3), CANCEL (9.1), the UAC core's ACK cache. */
class TransactionLayerClientTest {
    private final VirtualClock clock = new VirtualClock();
    private final RecordingSender sender = new RecordingSender(clock);
    private final RecordingTu tu = new RecordingTu();
    private final TransactionLayer layer = TransactionLayer.create(sender, clock, SipTimers.rfc3261(), tu,
            TransactionLayer.Limits.defaults());
    private final Fixture.Listener listener = new Fixture.Listener();

    private SipRequest outgoing(Method method, long cseq, Hop hop) {
        return SipRequest.builder(method, SipUri.of("bob", "192.0.2.9"))
                .header("Via", sender.via(hop, Ids.branch()))
                .header("Max-Forwards", 70)
                .header("From", "<sip:alice@example.com>;tag=uac")
                .header("To", "<sip:bob@example.com>")
                .header("Call-ID", "out-1@192.0.2.1")
                .header("CSeq", cseq + " " + method)
                .build();
    }

    private SipRequest ackFor2xx(SipResponse ok) {
        return SipRequest.builder(Method.ACK, SipUri.of("bob", "192.0.2.9"))
                .header("Via", sender.via(Sip.UDP, Ids.branch()))
                .header("Max-Forwards", 70)
                .header("From", ok.header("From").orElseThrow())
                .header("To", ok.header("To").orElseThrow())
                .header("Call-ID", ok.callId())
                .header("CSeq", ok.cseq().sequence() + " ACK")
                .build();
    }

    @Test
    void responsesAreMatchedByBranchAndCSeqMethod() {
        SipRequest options = outgoing(Method.OPTIONS, 1, Sip.UDP);
        ClientTransaction t = layer.sendRequest(options, Sip.UDP, listener);
        assertThat(t.branch()).startsWith("z9hG4bK");
        layer.onMessage(Sip.response(options, 200, "b"), Sip.UDP);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(200));
        assertThat(tu.strays).isEmpty();
    }

    @Test
    void responseForAnotherBranchIsAStrayForTheTu() {
        layer.sendRequest(outgoing(Method.OPTIONS, 1, Sip.UDP), Sip.UDP, listener);
        layer.onMessage(Sip.response(outgoing(Method.OPTIONS, 1, Sip.UDP), 200, "b"), Sip.UDP);
        assertThat(listener.finals).isEmpty();
        assertThat(tu.strays).hasSize(1);
    }

    @Test
    void twoTransactionsWithOneBranchAndMethodAreRefused() {
        SipRequest options = outgoing(Method.OPTIONS, 1, Sip.UDP);
        layer.sendRequest(options, Sip.UDP, listener);
        assertThatThrownBy(() -> layer.sendRequest(options, Sip.UDP, listener)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> layer.sendRequest(ackFor2xx(Sip.response(options, 200, "x")), Sip.UDP, listener))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelGoesOutAsItsOwnTransactionAndThe487IsAcknowledged() {
        SipRequest invite = outgoing(Method.INVITE, 1, Sip.UDP);
        ClientTransaction t = layer.sendRequest(invite, Sip.UDP, listener);
        t.cancel();
        assertThat(sender.requests("CANCEL")).isEmpty();
        layer.onMessage(Sip.response(invite, 180, "b"), Sip.UDP);
        SipRequest cancel = sender.requests("CANCEL").getFirst();
        assertThat(cancel.topVia()).isEqualTo(invite.topVia());
        assertThat(layer.stats().nonInviteClients()).isEqualTo(1);
        // the 200 to the CANCEL matches the CANCEL transaction (same branch, other method)
        layer.onMessage(Sip.response(cancel, 200, "b"), Sip.UDP);
        assertThat(listener.finals).isEmpty();
        layer.onMessage(Sip.response(invite, 487, "b"), Sip.UDP);
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(487));
        assertThat(sender.requests("ACK")).hasSize(1);
        // the CANCEL transaction retransmits until its 200 and then waits T4; the INVITE waits timer D
        clock.advanceMillis(32_000);
        assertThat(layer.live()).isZero();
        assertThat(tu.strays).isEmpty();
    }

    @Test
    void retransmitted2xxIsAnsweredWithTheSameAckByTheUacCore() {
        SipRequest invite = outgoing(Method.INVITE, 1, Sip.UDP);
        layer.sendRequest(invite, Sip.UDP, listener);
        SipResponse ok = Sip.response(invite, 200, "b");
        layer.onMessage(ok, Sip.UDP);
        SipRequest ack = ackFor2xx(ok);
        layer.sendAck(ack, Sip.UDP);
        assertThat(layer.cachedAcks()).isEqualTo(1);
        layer.onMessage(Sip.response(invite, 200, "b"), Sip.UDP);
        layer.onMessage(Sip.response(invite, 200, "b"), Sip.UDP);
        // the same ACK: over UDP the core keeps only its octets
        assertThat(sender.requests("ACK")).hasSize(3).allSatisfy(a -> assertThat(a.toBytes()).isEqualTo(ack.toBytes()));
        assertThat(listener.finals).hasSize(1);
        assertThat(listener.additional).isEmpty();
        // the cached ACK answers for 64*T1 after it was sent; then a 2xx is a stray for the TU
        clock.advanceMillis(31_999);
        layer.onMessage(Sip.response(invite, 200, "b"), Sip.UDP);
        assertThat(sender.requests("ACK")).hasSize(4);
        clock.advanceMillis(1);
        assertThat(layer.cachedAcks()).isZero();
        layer.onMessage(Sip.response(invite, 200, "b"), Sip.UDP);
        assertThat(sender.requests("ACK")).hasSize(4);
        assertThat(tu.strays).extracting(SipResponse::status).containsExactly(200);
        assertThat(layer.live()).isZero();
    }

    @Test
    void forked2xxWithAnotherToTagGoesUpForItsOwnAck() {
        SipRequest invite = outgoing(Method.INVITE, 1, Sip.UDP);
        layer.sendRequest(invite, Sip.UDP, listener);
        SipResponse ok = Sip.response(invite, 200, "b");
        layer.onMessage(ok, Sip.UDP);
        layer.sendAck(ackFor2xx(ok), Sip.UDP);
        layer.onMessage(Sip.response(invite, 200, "fork-2"), Sip.UDP);
        assertThat(listener.additional).singleElement().satisfies(r -> assertThat(r.to().tag()).contains("fork-2"));
        assertThat(sender.requests("ACK")).hasSize(1);
    }

    @Test
    void timeoutOfAClientTransactionReachesTheListenerAndLeavesNothingBehind() {
        layer.sendRequest(outgoing(Method.OPTIONS, 1, Sip.UDP), Sip.UDP, listener);
        layer.sendRequest(outgoing(Method.INVITE, 2, Sip.TCP), Sip.TCP, listener);
        assertThat(layer.stats().inviteClients()).isEqualTo(1);
        clock.advanceMillis(32_000);
        assertThat(listener.finals).extracting(r -> r.response().status()).containsExactly(408, 408);
        assertThat(layer.live()).isZero();
        assertThat(layer.stats().timeouts()).isEqualTo(2);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void sendFailureReachesTheListenerAsA503BeforeSendRequestReturns() {
        sender.failing = true;
        ClientTransaction t = layer.sendRequest(outgoing(Method.OPTIONS, 1, Sip.UDP), Sip.UDP, listener);
        assertThat(t.terminated()).isTrue();
        assertThat(listener.finals).singleElement().satisfies(r -> assertThat(r.response().status()).isEqualTo(503));
        assertThat(layer.live()).isZero();
        assertThat(layer.stats().transportErrors()).isEqualTo(1);
    }
}
