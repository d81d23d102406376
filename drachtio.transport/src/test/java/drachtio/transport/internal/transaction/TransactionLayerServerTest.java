package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.SipTimers;
import org.junit.jupiter.api.Test;

/** The layer's server side: matching (17.2.3), CANCEL (9.2), ACK, overload, leaks. */
class TransactionLayerServerTest {
    private final VirtualClock clock = new VirtualClock();
    private final RecordingSender sender = new RecordingSender(clock);
    private final RecordingTu tu = new RecordingTu();
    private TransactionLayer layer = TransactionLayer.create(sender, clock, SipTimers.rfc3261(), tu,
            TransactionLayer.Limits.defaults());

    private static SipResponse reply(ServerTransaction t, int status) {
        return SipResponse.replyTo((SipRequest) t.attachment(), status)
                .setHeader("To", "<sip:bob@example.com>;tag=uas").build();
    }

    @Test
    void aTransactionWaitingOutItsTimerKeepsNoRequest() {
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo9", 1, null), Sip.UDP);
        layer.onMessage(Sip.invite("z9hG4bKi9w"), Sip.UDP);
        ServerTransaction options = tu.requests.get(0);
        ServerTransaction invite = tu.requests.get(1);
        invite.respond(reply(invite, 180));
        assertThat(invite.request()).isNotNull();
        options.respond(reply(options, 200));
        invite.respond(reply(invite, 200));
        assertThat(options.request()).isNull();
        assertThat(invite.request()).isNull();
        // retransmissions are still absorbed and answered from what is kept
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo9", 1, null), Sip.UDP);
        assertThat(sender.responses(200)).hasSize(3);
        assertThat(tu.requests).hasSize(2);
    }

    @Test
    void newRequestMakesAServerTransactionForTheTu() {
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo1", 1, null), Sip.UDP);
        assertThat(tu.requests).singleElement().satisfies(t -> {
            assertThat(t.request().method().name()).isEqualTo("OPTIONS");
            assertThat(t.source()).isEqualTo(Sip.UDP);
            assertThat(t.branch()).isEqualTo("z9hG4bKo1");
        });
        assertThat(layer.stats().nonInviteServers()).isEqualTo(1);
    }

    @Test
    void retransmittedRequestIsAbsorbedAndTheLastResponseResent() {
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo1", 1, null), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo1", 1, null), Sip.UDP);
        assertThat(sender.sent).isEmpty();
        tu.requests.getFirst().respond(reply(tu.requests.getFirst(), 200));
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo1", 1, null), Sip.UDP);
        assertThat(tu.requests).hasSize(1);
        assertThat(sender.responses(200)).hasSize(2);
        assertThat(layer.stats().retransmissionsAbsorbed()).isEqualTo(2);
    }

    @Test
    void sameBranchFromAnotherSentByIsAnotherTransaction() {
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo1", 1, null), Sip.UDP);
        // another request (not the same one come back by another path, which 8.2.2.2 answers 482)
        String other = new String(Sip.request("OPTIONS", "OPTIONS", "z9hG4bKo1", 1, null, "other@192.0.2.77").toBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("192.0.2.9:5060;branch", "192.0.2.77:5060;branch").replace("\r\n", "\n");
        layer.onMessage(Sip.parse(other), Sip.UDP);
        assertThat(tu.requests).hasSize(2);
    }

    @Test
    void aRequestMergedWithALiveOneGets482AndOnceThatOneIsAnsweredTheIndexLetsGo() {
        layer.onMessage(Sip.invite("z9hG4bKm1"), Sip.UDP);
        layer.onMessage(Sip.invite("z9hG4bKm2"), Sip.UDP);
        // RFC 3261 8.2.2.2: same Call-ID, From tag and CSeq, another branch
        assertThat(sender.responses(482)).singleElement().satisfies(r -> {
            assertThat(r.topVia().branch()).contains("z9hG4bKm2");
            assertThat(r.to().tag()).isPresent();
        });
        assertThat(tu.requests).hasSize(1);
        // another CSeq is another request
        layer.onMessage(Sip.request("INVITE", "z9hG4bKm3", 2, null), Sip.UDP);
        assertThat(tu.requests).hasSize(2);
        tu.requests.forEach(t -> t.respond(reply(t, 200)));
        layer.onMessage(Sip.invite("z9hG4bKm4"), Sip.UDP);
        assertThat(tu.requests).hasSize(3);
        assertThat(sender.responses(482)).hasSize(1);
    }

    @Test
    void cancelOfAPendingInviteAnswers200And487AndTellsTheTu() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 180));
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKi1", 1, null), Sip.UDP);
        assertThat(sender.responses(487)).singleElement().satisfies(r -> {
            assertThat(r.cseq().method()).isEqualTo("INVITE");
            assertThat(r.to().tag()).contains("uas");
        });
        assertThat(sender.responses(200)).singleElement().satisfies(r -> {
            assertThat(r.cseq().method()).isEqualTo("CANCEL");
            assertThat(r.to().tag()).contains("uas");
        });
        assertThat(tu.cancels).singleElement().satisfies(c -> assertThat(c.method().name()).isEqualTo("CANCEL"));
        assertThat(tu.requests).hasSize(1);
        assertThat(invite.finalSent()).isTrue();
        assertThat(invite.respond(reply(invite, 200))).isFalse();
        assertThat(sender.responses()).extracting(r -> r.status() + " " + r.cseq().method())
                .containsSubsequence("200 CANCEL", "487 INVITE");
    }

    @Test
    void cancelBeforeAnyResponseUsesOneToTagForThe200AndThe487() {
        layer.onMessage(Sip.invite("z9hG4bKi9"), Sip.UDP);
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKi9", 1, null), Sip.UDP);
        String cancelTag = sender.responses(200).getFirst().to().tag().orElseThrow();
        assertThat(sender.responses(487)).singleElement()
                .satisfies(r -> assertThat(r.to().tag()).contains(cancelTag));
    }

    @Test
    void retransmittedCancelIsAbsorbedByItsOwnTransaction() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKi1", 1, null), Sip.UDP);
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKi1", 1, null), Sip.UDP);
        assertThat(sender.responses(200)).hasSize(2);
        assertThat(sender.responses(487)).hasSize(1);
        assertThat(tu.cancels).hasSize(1);
    }

    @Test
    void cancelAfterTheFinalResponseGets200Only() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKi1", 1, null), Sip.UDP);
        assertThat(sender.responses()).extracting(SipResponse::status).containsExactly(200, 200);
        assertThat(sender.responses(487)).isEmpty();
        assertThat(tu.cancels).isEmpty();
    }

    @Test
    void cancelOfANonInviteRequestGets200AndChangesNothing() {
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKo5", 1, null), Sip.UDP);
        ServerTransaction options = tu.requests.getFirst();
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKo5", 1, null), Sip.UDP);
        // RFC 3261 9.2: a CANCEL that matched a transaction is answered 200, whatever its method
        assertThat(sender.responses()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.cseq().method()).isEqualTo("CANCEL");
        });
        assertThat(tu.cancels).isEmpty();
        assertThat(options.respond(reply(options, 200))).isTrue();
        // and one that comes when the request has its answer, while its transaction waits out timer J
        layer.onMessage(Sip.request("MESSAGE", "z9hG4bKm6", 1, null), Sip.UDP);
        ServerTransaction message = tu.requests.get(1);
        message.respond(reply(message, 202));
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKm6", 1, null), Sip.UDP);
        assertThat(sender.responses()).extracting(r -> r.status() + " " + r.cseq().method())
                .containsExactly("200 CANCEL", "200 OPTIONS", "202 MESSAGE", "200 CANCEL");
    }

    @Test
    void cancelMatchingNothingGets481() {
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKnothing", 1, null), Sip.UDP);
        assertThat(sender.responses()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(481);
            assertThat(r.to().tag()).isPresent();
        });
        assertThat(tu.cancels).isEmpty();
        assertThat(tu.requests).isEmpty();
    }

    @Test
    void ackForANonSuccessFinalIsAbsorbedByTheInviteTransaction() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 486));
        layer.onMessage(Sip.request("ACK", "z9hG4bKi1", 1, "uas"), Sip.UDP);
        assertThat(tu.acks).isEmpty();
        clock.advanceMillis(10_000);
        assertThat(sender.responses(486)).hasSize(1);
        assertThat(layer.live()).isZero();
    }

    @Test
    void ackForA2xxGoesToTheTuAndStopsTheUasCoreRetransmissions() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        clock.advanceMillis(1_600);
        assertThat(sender.timesOf(200)).containsExactly(0L, 500L, 1500L);
        layer.onMessage(Sip.request("ACK", "z9hG4bKack1", 1, "uas"), Sip.UDP);
        assertThat(tu.acks).hasSize(1);
        assertThat(layer.pendingAcks()).isZero();
        clock.advanceMillis(40_000);
        assertThat(sender.responses(200)).hasSize(3);
        assertThat(tu.ackTimeouts).isEmpty();
    }

    @Test
    void anAckArrivingBeforeThe2xxSendReturnsStillStopsTheRetransmissions() {
        layer.onMessage(Sip.invite("z9hG4bKfast"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        // the peer's ACK is handled on another thread while our send of the 200 is still under way
        sender.onSend = m -> {
            if (m instanceof SipResponse r && r.status() == 200) {
                layer.onMessage(Sip.request("ACK", "z9hG4bKackfast", 1, "uas"), Sip.UDP);
            }
        };
        invite.respond(reply(invite, 200));
        assertThat(tu.acks).hasSize(1);
        clock.advance(SipTimers.rfc3261().timeout().plusSeconds(1));
        assertThat(sender.responses(200)).hasSize(1);
        assertThat(tu.ackTimeouts).isEmpty();
        assertThat(layer.pendingAcks()).isZero();
    }

    @Test
    void uasCoreRetransmitsA2xxAtT1DoublingToT2UntilItGivesUpAt64T1() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        clock.advanceMillis(31_999);
        assertThat(sender.timesOf(200)).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11_500L, 15_500L,
                19_500L, 23_500L, 27_500L, 31_500L);
        assertThat(tu.ackTimeouts).isEmpty();
        clock.advanceMillis(1);
        assertThat(tu.ackTimeouts).extracting(SipResponse::status).containsExactly(200);
        assertThat(layer.pendingAcks()).isZero();
        assertThat(layer.live()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void uasCoreRetransmitsA2xxOverTcpToo() {
        // RFC 3261 13.3.1.4: whatever the transport, since a proxy may forward the 2xx on over
        // UDP once and leave the retransmissions to us; over TCP each copy is written on a
        // virtual thread of its own, never on the timer's, so each is awaited
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.TCP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        int timers = clock.pending();
        long[] steps = {500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000};
        for (int i = 0; i < steps.length; i++) {
            clock.advanceMillis(steps[i]);
            int copies = i + 2;
            // the copy is out and the next one scheduled
            awaitTrue(() -> sender.responses(200).size() == copies && clock.pending() == timers);
        }
        assertThat(tu.ackTimeouts).isEmpty();
        clock.advanceMillis(500);
        assertThat(tu.ackTimeouts).hasSize(1);
        assertThat(layer.pendingAcks()).isZero();
    }

    @Test
    void anAckOverTcpStopsThe2xxRetransmissions() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.TCP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        int timers = clock.pending();
        clock.advanceMillis(500);
        awaitTrue(() -> sender.responses(200).size() == 2 && clock.pending() == timers);
        layer.onMessage(Sip.request("ACK", "z9hG4bKack1", 1, "uas"), Sip.TCP);
        clock.advanceMillis(40_000);
        assertThat(sender.responses(200)).hasSize(2);
        assertThat(tu.acks).hasSize(1);
        assertThat(tu.ackTimeouts).isEmpty();
        assertThat(layer.pendingAcks()).isZero();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void failed2xxRetransmissionStopsAndTellsTheTu() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        sender.failing = true;
        clock.advanceMillis(500);
        assertThat(tu.transportErrors).hasSize(1);
        assertThat(layer.pendingAcks()).isZero();
        clock.advanceMillis(40_000);
        assertThat(tu.ackTimeouts).isEmpty();
        assertThat(layer.live()).isZero();
    }

    @Test
    void retransmittedInviteAfterA2xxIsAbsorbedWithoutResending() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.TCP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.TCP);
        assertThat(sender.responses(200)).hasSize(1);
        assertThat(tu.requests).hasSize(1);
    }

    @Test
    void overUdpAnAcceptedInviteAbsorbsRetransmissionsUntilTimerLThenIsGone() {
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        ServerTransaction invite = tu.requests.getFirst();
        invite.respond(reply(invite, 200));
        layer.onMessage(Sip.request("ACK", "z9hG4bKack1", 1, "uas"), Sip.UDP);
        int sent = sender.sent.size();
        long absorbed = layer.stats().retransmissionsAbsorbed();
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        assertThat(sender.sent).as("the UAS core, not the transaction, resends a 2xx").hasSize(sent);
        assertThat(tu.requests).hasSize(1);
        assertThat(layer.stats().retransmissionsAbsorbed()).isEqualTo(absorbed + 1);
        assertThat(layer.live()).isEqualTo(1);
        clock.advanceMillis(32_000);
        assertThat(layer.live()).isZero();
        layer.onMessage(Sip.invite("z9hG4bKi1"), Sip.UDP);
        assertThat(tu.requests).as("after timer L the same branch is a new INVITE").hasSize(2);
    }

    @Test
    void rfc2543PeersAreMatchedByDialogCSeqAndTopVia() {
        SipRequest invite = Sip.request("INVITE", "old-branch", 5, null);
        layer.onMessage(invite, Sip.UDP);
        layer.onMessage(Sip.request("INVITE", "old-branch", 5, null), Sip.UDP);
        assertThat(tu.requests).hasSize(1);
        ServerTransaction t = tu.requests.getFirst();
        t.respond(reply(t, 404));
        layer.onMessage(Sip.request("INVITE", "old-branch", 5, null), Sip.UDP);
        assertThat(sender.responses(404)).hasSize(2);
        // the ACK carries the To tag of the 404 and matches the INVITE transaction
        layer.onMessage(Sip.request("ACK", "old-branch", 5, "uas"), Sip.UDP);
        assertThat(tu.acks).isEmpty();
        // a different CSeq is a new transaction
        layer.onMessage(Sip.request("INVITE", "old-branch", 6, null), Sip.UDP);
        assertThat(tu.requests).hasSize(2);
    }

    @Test
    void rfc2543RequestWithoutBranchIsMatchedToo() {
        layer.onMessage(Sip.request("OPTIONS", null, 1, null), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", null, 1, null), Sip.UDP);
        assertThat(tu.requests).hasSize(1);
        assertThat(layer.stats().retransmissionsAbsorbed()).isEqualTo(1);
    }

    @Test
    void rfc2543CancelFindsItsInvite() {
        layer.onMessage(Sip.request("INVITE", "old-branch", 5, null), Sip.UDP);
        layer.onMessage(Sip.request("CANCEL", "old-branch", 5, null), Sip.UDP);
        assertThat(sender.responses(487)).hasSize(1);
        assertThat(tu.cancels).hasSize(1);
    }

    @Test
    void overloadAnswers503WithRetryAfterAndKeepsNoState() {
        layer = TransactionLayer.create(sender, clock, SipTimers.rfc3261(), tu, new TransactionLayer.Limits(2, 7));
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKa", 1, null), Sip.UDP);
        layer.onMessage(Sip.invite("z9hG4bKb"), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKc", 1, null), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKc", 1, null), Sip.UDP);
        assertThat(tu.requests).hasSize(2);
        assertThat(sender.responses(503)).hasSize(2).allSatisfy(r -> {
            assertThat(r.header("Retry-After")).contains("7");
            assertThat(r.to().tag()).isPresent();
        });
        assertThat(layer.stats().overloadRejected()).isEqualTo(2);
        assertThat(layer.live()).isEqualTo(2);
        layer.onMessage(Sip.request("ACK", "z9hG4bKack", 1, "x"), Sip.UDP);
        assertThat(tu.acks).hasSize(1);
    }

    @Test
    void aCancelStillEndsItsInviteWhenTheLayerIsFull() {
        layer = TransactionLayer.create(sender, clock, SipTimers.rfc3261(), tu, new TransactionLayer.Limits(1, 7));
        layer.onMessage(Sip.invite("z9hG4bKfull"), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKshed", 1, null), Sip.UDP);
        assertThat(sender.responses(503)).hasSize(1);
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKfull", 1, null), Sip.UDP);
        assertThat(sender.responses(200)).singleElement()
                .satisfies(r -> assertThat(r.cseq().method()).isEqualTo("CANCEL"));
        assertThat(sender.responses(487)).hasSize(1);
        assertThat(sender.responses(503)).hasSize(1);
        assertThat(tu.cancels).hasSize(1);
        // a CANCEL that matches no INVITE is shed like any other request
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKnothing", 1, null), Sip.UDP);
        assertThat(sender.responses(503)).hasSize(2);
        assertThat(sender.responses(481)).isEmpty();
    }

    @Test
    void answeredNonInviteTransactionsLeaveTheByteBudgetAndStillAbsorbRetransmissions() {
        // room for two transactions holding their requests
        layer = TransactionLayer.create(sender, clock, SipTimers.rfc3261(), tu,
                new TransactionLayer.Limits(1000, 2L * Transaction.LIVE_WEIGHT, 7));
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw1", 1, null), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw2", 2, null), Sip.UDP);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw3", 3, null), Sip.UDP);
        assertThat(tu.requests).hasSize(2);
        assertThat(sender.responses(503)).hasSize(1);
        assertThat(layer.serverBytes()).isEqualTo(2L * Transaction.LIVE_WEIGHT);
        // answered, they wait out timer J as bytes of their own store (bounded apart): room for more
        tu.requests.forEach(t -> t.respond(reply(t, 200)));
        assertThat(layer.serverBytes()).isZero();
        assertThat(layer.live()).isEqualTo(2);
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw4", 1, null), Sip.UDP);
        assertThat(tu.requests).hasSize(3);
        // a retransmission gets the same 200 again, to where the first went, and reaches no one
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw1", 1, null), Sip.UDP);
        assertThat(tu.requests).hasSize(3);
        assertThat(sender.responses(200)).hasSize(3);
        assertThat(sender.sent.getLast().message().toString()).isEqualTo(sender.sent.get(1).message().toString());
        assertThat(sender.sent.getLast().hop().remote()).isEqualTo(sender.sent.get(1).hop().remote());
        // timer J lets them go
        tu.requests.getLast().respond(reply(tu.requests.getLast(), 200));
        clock.advanceMillis(32_000);
        assertThat(layer.live()).isZero();
        assertThat(layer.serverBytes()).isZero();
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKw1", 1, null), Sip.UDP);
        assertThat(tu.requests).as("after timer J the same branch is a new request").hasSize(4);
    }

    @Test
    void everyServerTransactionIsForgottenOnceItsTimersRunOut() {
        tu.answer = t -> t.respond(reply(t, t.request().method().name().equals("INVITE") ? 486 : 200));
        layer.onMessage(Sip.request("OPTIONS", "z9hG4bKa", 1, null), Sip.UDP);
        layer.onMessage(Sip.request("REGISTER", "z9hG4bKb", 1, null), Sip.TCP);
        layer.onMessage(Sip.invite("z9hG4bKc"), Sip.UDP);
        layer.onMessage(Sip.request("ACK", "z9hG4bKc", 1, "uas"), Sip.UDP);
        layer.onMessage(Sip.invite("z9hG4bKd"), Sip.UDP);
        layer.onMessage(Sip.request("CANCEL", "z9hG4bKzzz", 1, null), Sip.UDP);
        assertThat(layer.live()).isEqualTo(4);
        clock.advanceMillis(64_000);
        assertThat(layer.live()).isZero();
        assertThat(layer.stats().live()).isZero();
        assertThat(layer.pendingAcks()).isZero();
        assertThat(clock.pending()).isZero();
        assertThat(tu.timeouts).hasSize(1);
        assertThat(layer.serverBytes()).isZero();
    }

    @Test
    void brokenRequestsAreDroppedAndCounted() {
        SipRequest noVia = (SipRequest) Sip.parse("OPTIONS sip:bob@192.0.2.1 SIP/2.0\nFrom: <sip:a@b>;tag=1\n"
                + "To: <sip:b@c>\nCall-ID: x\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
        layer.onMessage(noVia, Sip.UDP);
        assertThat(tu.requests).isEmpty();
        assertThat(layer.stats().dropped()).isEqualTo(1);
    }
}
