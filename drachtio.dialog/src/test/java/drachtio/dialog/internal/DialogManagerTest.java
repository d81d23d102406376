package drachtio.dialog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.AckTimeoutException;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.DialogEndedException;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.dialog.DialogLayer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The registry, the UAS wait for ACK and RFC 3261 12.2.2 serving, on a socket-less stack. */
class DialogManagerTest {
    private final Fakes.Stack stack = new Fakes.Stack();
    private final DialogLayer layer = DialogManager.create(stack, Duration.ofMillis(20));
    private final List<DialogEnd> ends = new CopyOnWriteArrayList<>();

    /** Bob answers alice's INVITE; the ACK arrives from another thread once the 2xx is out. */
    private Dialog answered() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);
        Dialog d = layer.answer(invite, ok, () -> CompletableFuture.runAsync(
                () -> layer.onAck(Messages.fromAlice("ACK", 10, "bob"), Fakes.FROM)));
        layer.release(d);
        d.onEnd(ends::add);
        return d;
    }

    private Fakes.Res serve(SipRequest request) {
        Fakes.Res res = new Fakes.Res(request);
        assertThat(layer.handle(Fakes.txn(request), new Fakes.Req(request), res)).isTrue();
        return res;
    }

    /** Requests the layer declined at once, served afterwards as a thread of their own would serve them. */
    private final List<Runnable> declined = new CopyOnWriteArrayList<>();

    /**
     * @return the responses when the layer served the request at once, or {@code null} when it
     *     declined (then {@link #declined} serves it later, on the same transaction)
     */
    private Fakes.Res atOnce(SipRequest request) {
        Fakes.Res res = new Fakes.Res(request);
        var txn = Fakes.txn(request);
        if (layer.handleAtOnce(txn, new Fakes.Req(request), res)) {
            return res;
        }
        declined.add(() -> layer.handle(txn, new Fakes.Req(request), new Fakes.Res(request)));
        return null;
    }

    /** Serves, in order, what the layer declined at once, as the stack's threads would. */
    private void serveDeclined() {
        declined.forEach(Runnable::run);
        declined.clear();
    }

    @Test
    void aByeWithNoHandlerIsServedAtOnceOnTheCallingThreadAndEndsTheDialog() {
        Dialog d = answered();
        List<Thread> toldOn = new CopyOnWriteArrayList<>();
        d.onEnd(end -> toldOn.add(Thread.currentThread()));

        Fakes.Res res = atOnce(Messages.fromAlice("BYE", 11, "bob"));

        assertThat(res).isNotNull();
        assertThat(res.last().status()).isEqualTo(200);
        assertThat(d.active()).isFalse();
        assertThat(layer.dialogs().count()).isZero();
        // this test's thread is a platform thread: the app's listener ran on a virtual one
        waitFor(() -> toldOn.size() == 1);
        assertThat(toldOn.getFirst().isVirtual()).isTrue();
        assertThat(ends).extracting(DialogEnd::reason).containsExactly(DialogEnd.Reason.REMOTE_BYE);
    }

    @Test
    void aRequestForNoKnownDialogGets481AtOnce() {
        Fakes.Res res = atOnce(Messages.fromAlice("BYE", 11, "nobody"));

        assertThat(res).isNotNull();
        assertThat(res.last().status()).isEqualTo(481);
    }

    @Test
    void whatNeedsApplicationCodeOrWaitingIsDeclinedAndNothingIsSent() throws Exception {
        Dialog d = answered();
        d.on(Method.INFO, (req, res) -> res.send(202));
        // a handler for INFO, a method with no default (MESSAGE), a re-INVITE, a request without To tag
        assertThat(atOnce(Messages.fromAlice("INFO", 11, "bob"))).isNull();
        assertThat(atOnce(Messages.fromAlice("MESSAGE", 12, "bob"))).isNull();
        assertThat(atOnce(Messages.fromAlice("INVITE", 13, "bob"))).isNull();
        assertThat(atOnce(Messages.invite())).isNull();

        // an earlier request of the dialog being served
        SipDialog sd = (SipDialog) d;
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            sd.serving.lock();
            try {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sd.serving.unlock();
            }
        });
        held.await();
        assertThat(atOnce(Messages.fromAlice("NOTIFY", 14, "bob"))).isNull();
        done.countDown();
        holder.join();
        assertThat(d.active()).isTrue();
        // what was declined holds its place: nothing is served at once ahead of it (12.2.2)
        assertThat(atOnce(Messages.fromAlice("NOTIFY", 15, "bob"))).isNull();
        serveDeclined();

        Fakes.Res notify = atOnce(Messages.fromAlice("NOTIFY", 16, "bob"));
        assertThat(notify).isNotNull();
        assertThat(notify.last().status()).isEqualTo(200);
    }

    @Test
    void aRequestThatArrivesBeforeTheAnsweringCodeReturnedIsDeclined() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);
        Dialog d = layer.answer(invite, ok, () -> CompletableFuture.runAsync(
                () -> layer.onAck(Messages.fromAlice("ACK", 10, "bob"), Fakes.FROM)));

        assertThat(atOnce(Messages.fromAlice("INFO", 11, "bob"))).isNull();
        layer.release(d);
        serveDeclined();
        assertThat(atOnce(Messages.fromAlice("BYE", 12, "bob"))).isNotNull();
    }

    @Test
    void answerReturnsTheConfirmedDialogOnceAcked() {
        Dialog d = answered();

        assertThat(d.active()).isTrue();
        assertThat(((SipDialog) d).state()).isEqualTo(DialogStateMachine.State.CONFIRMED);
        assertThat(layer.dialogs().count()).isEqualTo(1);
        assertThat(layer.dialogs().find("c1@127.0.0.1|bob|alice")).contains(d);
    }

    @Test
    void byeFromThePeerGets200AndEndsTheDialog() {
        Dialog d = answered();

        Fakes.Res res = serve(Messages.fromAlice("BYE", 11, "bob"));

        assertThat(res.last().status()).isEqualTo(200);
        assertThat(d.active()).isFalse();
        assertThat(ends).singleElement().extracting(DialogEnd::reason).isEqualTo(DialogEnd.Reason.REMOTE_BYE);
        assertThat(layer.dialogs().count()).isZero();
    }

    @Test
    void requestForAnUnknownDialogGets481AndOneWithoutToTagIsNotOurs() {
        answered();

        assertThat(serve(Messages.fromAlice("BYE", 11, "someone-else")).last().status()).isEqualTo(481);
        SipRequest outside = Messages.invite();
        assertThat(layer.handle(Fakes.txn(outside), new Fakes.Req(outside), new Fakes.Res(outside))).isFalse();
    }

    @Test
    void lowerCSeqThanTheLastGets500() {
        answered();
        assertThat(serve(Messages.fromAlice("INFO", 12, "bob")).last().status()).isEqualTo(200);

        assertThat(serve(Messages.fromAlice("INFO", 11, "bob")).last().status()).isEqualTo(500);
    }

    @Test
    void defaultsAnswerWhenTheAppSetNoHandler() {
        Dialog d = answered();

        assertThat(serve(Messages.fromAlice("NOTIFY", 11, "bob")).last().status()).isEqualTo(200);
        assertThat(serve(Messages.fromAlice("OPTIONS", 12, "bob")).last().status()).isEqualTo(200);
        Fakes.Res refer = serve(Messages.fromAlice("REFER", 13, "bob"));
        assertThat(refer.last().status()).isEqualTo(405);
        assertThat(refer.last().header("Allow")).isPresent();
        Fakes.Res reinvite = serve(Messages.fromAlice("INVITE", 14, "bob"));
        assertThat(reinvite.last().status()).isEqualTo(200);
        assertThat(reinvite.last().header("Contact")).isPresent();
        assertThat(d.active()).isTrue();
    }

    @Test
    void handlerSeesTheRequestsInOrderAndItsAnswerIsSent() {
        Dialog d = answered();
        List<Long> seen = new CopyOnWriteArrayList<>();
        d.on(Method.INFO, (req, res) -> {
            seen.add(req.cseq().sequence());
            res.send(202);
        });

        assertThat(serve(Messages.fromAlice("INFO", 11, "bob")).last().status()).isEqualTo(202);
        assertThat(serve(Messages.fromAlice("INFO", 12, "bob")).last().status()).isEqualTo(202);
        assertThat(seen).containsExactly(11L, 12L);
    }

    @Test
    void noAckEndsTheCallWithByeAndAnswerThrows() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);

        assertThatThrownBy(() -> layer.answer(invite, ok, () -> CompletableFuture.runAsync(
                () -> layer.onAckTimeout(ok, Fakes.FROM))))
                .isInstanceOf(AckTimeoutException.class).hasMessageContaining("c1@127.0.0.1");
        assertThat(layer.dialogs().count()).isZero();
        waitFor(() -> stack.sent.stream().anyMatch(r -> r.is(Method.BYE)));
    }

    @Test
    void theAckBackstopIsScheduledOnTheStacksTimerAndCancelledByTheAck() {
        answered();

        // 96*T1 with T1 = 20 ms: a third more than the stack's own 64*T1
        assertThat(stack.scheduled).containsExactly(Duration.ofMillis(1920));
        assertThat(stack.cancelled).hasValue(1);
    }

    @Test
    void whenTheStackNeverReportsTheMissingAckTheBackstopEndsTheCall() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);
        long start = System.nanoTime();

        assertThatThrownBy(() -> layer.answer(invite, ok, () -> { }))
                .isInstanceOf(AckTimeoutException.class).hasMessageContaining("c1@127.0.0.1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1920));
        assertThat(layer.dialogs().count()).isZero();
        waitFor(() -> stack.sent.stream().anyMatch(r -> r.is(Method.BYE)));
    }

    @Test
    void byeEndsLocallyAndLaterRequestsFail() {
        Dialog d = answered();

        d.bye();

        SipRequest bye = stack.sent.getLast();
        assertThat(bye.method()).isEqualTo(Method.BYE);
        assertThat(bye.cseq().sequence()).isEqualTo(1);
        assertThat(ends).singleElement().extracting(DialogEnd::reason).isEqualTo(DialogEnd.Reason.LOCAL_BYE);
        assertThat(layer.dialogs().count()).isZero();
        assertThatThrownBy(() -> d.request(Method.INFO, Parts.NONE)).isInstanceOf(DialogEndedException.class);
    }

    @Test
    void requestsFromManyThreadsLeaveInCSeqOrder() throws Exception {
        Dialog d = answered();
        int threads = 4;
        int each = 300;
        List<Thread> senders = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    d.request(Method.INFO, Parts.NONE);
                }
            }));
        }
        go.countDown();
        for (Thread t : senders) {
            assertThat(t.join(Duration.ofSeconds(30))).as("a sender finished").isTrue();
        }

        // a peer answers a CSeq lower than one it has seen with 500 (RFC 3261 12.2.2)
        List<Long> order = stack.sent.stream().filter(r -> r.is(Method.INFO)).map(r -> r.cseq().sequence()).toList();
        assertThat(order).hasSize(threads * each).isSorted().doesNotHaveDuplicates();
        assertThat(d.localCSeq()).isEqualTo(threads * each);
    }

    @Test
    void theContactOfA2xxToOurUpdateRefreshesTheRemoteTarget() {
        Dialog d = answered();
        stack.answers = r -> r.is(Method.UPDATE)
                ? SipResponse.replyTo(r, 200).header("Contact", "<sip:alice@127.0.0.1:5090>").build()
                : SipResponse.replyTo(r, 200).build();

        // RFC 3311 5.1: UPDATE is a target refresh request (RFC 3261 12.2.1.2)
        assertThat(d.request(Method.UPDATE, Parts.NONE).status()).isEqualTo(200);
        d.request(Method.INFO, Parts.NONE);

        assertThat(d.remoteTarget().toString()).isEqualTo("sip:alice@127.0.0.1:5090");
        assertThat(stack.sent.getLast().uri().toString()).isEqualTo("sip:alice@127.0.0.1:5090");
    }

    @Test
    void whileTheOfferOfOurUpdateIsUnansweredThePeersOffersGet491AndWeMakeNoOther() {
        Dialog d = answered();
        d.on(Method.UPDATE, (req, res) -> res.send(200, Parts.body("application/sdp", Messages.SDP)));
        Parts offer = Parts.body("application/sdp", Messages.SDP);
        List<Integer> theirs = new CopyOnWriteArrayList<>();
        List<Throwable> ours = new CopyOnWriteArrayList<>();
        stack.answers = r -> {
            if (r.is(Method.UPDATE)) {
                // RFC 3311 5.2: the peer's offers cross ours, still unanswered; its handler never runs
                theirs.add(serve(Messages.fromAlice("UPDATE", 11, "bob").toBuilder()
                        .body("application/sdp", Messages.SDP).build()).last().status());
                theirs.add(serve(Messages.fromAlice("INVITE", 12, "bob").toBuilder()
                        .body("application/sdp", Messages.SDP).build()).last().status());
                try {
                    d.request(Method.UPDATE, offer);
                } catch (IllegalStateException e) {
                    ours.add(e);
                }
            }
            return SipResponse.replyTo(r, 200).body("application/sdp", Messages.SDP).build();
        };

        assertThat(d.request(Method.UPDATE, offer).status()).isEqualTo(200);

        assertThat(theirs).containsExactly(491, 491);
        assertThat(ours).singleElement().extracting(Throwable::getMessage).asString().contains("already outstanding");
        // answered, our offer is no longer outstanding: the peer's next offer reaches the handler
        assertThat(serve(Messages.fromAlice("UPDATE", 13, "bob").toBuilder()
                .body("application/sdp", Messages.SDP).build()).last().status()).isEqualTo(200);
        assertThat(stack.sent).filteredOn(r -> r.is(Method.UPDATE)).hasSize(1);
    }

    @Test
    void theAckForA2xxCarriesTheCredentialsOfTheInvite() {
        String credentials = "Digest username=\"alice\", realm=\"p1.example\", nonce=\"n1\", "
                + "uri=\"sip:bob@127.0.0.1\", response=\"0123456789abcdef0123456789abcdef\"";
        SipRequest invite = Messages.invite().toBuilder().header("Proxy-Authorization", credentials).build();
        stack.answers = Messages::ok;

        Dialog d = layer.call(invite, r -> { }, null).ack(Parts.NONE);

        // RFC 3261 13.2.2.4: the ACK MUST carry the same credentials as the INVITE
        assertThat(stack.acks).singleElement().satisfies(ack -> {
            assertThat(ack.headers().all("Proxy-Authorization")).containsExactly(credentials);
            assertThat(ack.headers().contains("Authorization")).isFalse();
        });
        // requests after it are the dialog's own: no stale credentials
        d.request(Method.INFO, Parts.NONE);
        assertThat(stack.sent.getLast().headers().contains("Proxy-Authorization")).isFalse();
    }

    @Test
    void anUpdateOfferWithoutHandlerIsAnsweredWithTheSessionAsItIsOr488() {
        // no SDP of ours yet: nothing to answer an offer with
        Dialog first = answered();
        SipRequest offer = Messages.fromAlice("UPDATE", 11, "bob").toBuilder()
                .body("application/sdp", "v=0\r\ns=alice2\r\n").build();
        assertThat(serve(offer).last().status()).isEqualTo(488);
        assertThat(serve(Messages.fromAlice("UPDATE", 12, "bob")).last().status()).isEqualTo(200);
        first.bye();

        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite).toBuilder().body("application/sdp", "v=0\r\ns=bob\r\n").build();
        Dialog d = layer.answer(invite, ok, () -> CompletableFuture.runAsync(
                () -> layer.onAck(Messages.fromAlice("ACK", 10, "bob"), Fakes.FROM)));
        layer.release(d);

        SipResponse answer = serve(offer).last();

        // RFC 3311 5.2: the 2xx to an UPDATE with an offer carries the answer
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("v=0\r\ns=bob\r\n");
        assertThat(d.remoteSdp()).hasValueSatisfying(sdp -> assertThat(sdp).contains("s=alice2"));
        // RFC 3264 6: an answer has the offer's media lines, which ours (none) cannot match
        SipRequest video = Messages.fromAlice("UPDATE", 12, "bob").toBuilder()
                .body("application/sdp", "v=0\r\ns=alice3\r\nm=video 5000 RTP/AVP 96\r\n").build();
        assertThat(serve(video).last().status()).isEqualTo(488);
        SipRequest reInvite = Messages.fromAlice("INVITE", 13, "bob").toBuilder()
                .body("application/sdp", "v=0\r\ns=alice3\r\nm=video 5000 RTP/AVP 96\r\n").build();
        assertThat(serve(reInvite).last().status()).isEqualTo(488);
        // RFC 3311 5.2: an offer while one of ours is outstanding is glare
        ((SipDialog) d).inviteOut.set(true);
        assertThat(serve(Messages.fromAlice("UPDATE", 14, "bob").toBuilder()
                .body("application/sdp", "v=0\r\ns=alice4\r\n").build()).last().status()).isEqualTo(491);
        ((SipDialog) d).inviteOut.set(false);
    }

    /** Answers a challenge as a digest client would: the request again with credentials naming the status. */
    private static final drachtio.dialog.Challenges ANSWERS = (sent, challenge) -> Optional.of(sent.toBuilder()
            .header(challenge.status() == 407 ? "Proxy-Authorization" : "Authorization",
                    "Digest username=\"alice\", nonce=\"" + challenge.status() + "\"").build());

    /** A peer that challenges each request without credentials once: 407 for BYE, 401 for the rest. */
    private static SipResponse challenging(SipRequest r) {
        boolean credentials = r.headers().contains("Authorization") || r.headers().contains("Proxy-Authorization");
        if (credentials || r.is(Method.INVITE) && r.cseq().sequence() == 10) {
            return Messages.ok(r);
        }
        return r.is(Method.BYE)
                ? SipResponse.replyTo(r, 407).header("Proxy-Authenticate", "Digest realm=\"p1\", nonce=\"n\"").build()
                : SipResponse.replyTo(r, 401).header("WWW-Authenticate", "Digest realm=\"b\", nonce=\"n\"").build();
    }

    @Test
    void aChallengeToARequestOfADialogWithALoginIsAnsweredOnTheNextCSeq() {
        stack.answers = DialogManagerTest::challenging;
        Dialog d = layer.call(Messages.invite(), r -> { }, null, ANSWERS).ack(Parts.NONE);

        SipResponse reInvite = d.request(Method.INVITE, Parts.body("application/sdp", "v=0\r\ns=hold\r\n"));

        assertThat(reInvite.status()).isEqualTo(200);
        List<SipRequest> invites = stack.sent.stream().filter(r -> r.is(Method.INVITE)).toList();
        assertThat(invites).extracting(r -> r.cseq().sequence()).containsExactly(10L, 11L, 12L);
        assertThat(invites.getLast().header("Authorization")).hasValueSatisfying(v -> assertThat(v).contains("401"));
        // the ACK for the 2xx answers the INVITE that got it, and carries its credentials (13.2.2.4)
        assertThat(stack.acks).last().satisfies(ack -> {
            assertThat(ack.cseq().sequence()).isEqualTo(12);
            assertThat(ack.header("Authorization")).isEqualTo(invites.getLast().header("Authorization"));
        });

        d.bye();

        List<SipRequest> byes = stack.sent.stream().filter(r -> r.is(Method.BYE)).toList();
        assertThat(byes).extracting(r -> r.cseq().sequence()).containsExactly(13L, 14L);
        assertThat(byes.getLast().header("Proxy-Authorization")).hasValueSatisfying(v -> assertThat(v).contains("407"));
        assertThat(d.active()).isFalse();
    }

    @Test
    void withoutALoginAChallengeIsTheAnswer() {
        stack.answers = DialogManagerTest::challenging;
        Dialog d = layer.call(Messages.invite(), r -> { }, null).ack(Parts.NONE);

        assertThat(d.request(Method.INFO, Parts.NONE).status()).isEqualTo(401);
        assertThat(stack.sent.stream().filter(r -> r.is(Method.INFO))).hasSize(1);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aByeDoesNotWaitBehindAReInviteHandlerAndTheReInviteGets487() throws Exception {
        Dialog d = answered();
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch otherLeg = new java.util.concurrent.CountDownLatch(1);
        List<Throwable> handlerSaw = new CopyOnWriteArrayList<>();
        d.on(Method.INVITE, (req, res) -> {
            inHandler.countDown();
            otherLeg.await(); // a B2BUA waiting for the other leg's answer
            try {
                res.send(200);
            } catch (IllegalStateException e) {
                handlerSaw.add(e);
            }
        });
        SipRequest reInvite = Messages.fromAlice("INVITE", 11, "bob");
        // each request on a thread of its own, as the stack serves them (not the common pool,
        // where a blocked task can hold back the next)
        java.util.concurrent.Executor threads = task -> Thread.ofVirtual().start(task);
        CompletableFuture<Fakes.Res> reInviteServed = CompletableFuture.supplyAsync(() -> serve(reInvite), threads);
        assertThat(inHandler.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // an INFO queues behind the handler at work
        CompletableFuture<Fakes.Res> infoServed = CompletableFuture.supplyAsync(
                () -> serve(Messages.fromAlice("INFO", 12, "bob")), threads);
        waitFor(() -> ((SipDialog) d).serving.hasQueuedThreads());

        // served on this thread while the re-INVITE's handler still waits
        Fakes.Res bye = serve(Messages.fromAlice("BYE", 13, "bob"));

        assertThat(bye.last().status()).isEqualTo(200);
        assertThat(d.active()).isFalse();
        assertThat(ends).extracting(DialogEnd::reason).containsExactly(DialogEnd.Reason.REMOTE_BYE);
        otherLeg.countDown();
        Fakes.Res reInviteAnswers = reInviteServed.get(5, java.util.concurrent.TimeUnit.SECONDS);
        // RFC 3261 15.1.2: the pending request is answered, 487 recommended
        assertThat(reInviteAnswers.sent).extracting(SipResponse::status).containsExactly(487);
        assertThat(handlerSaw).hasSize(1);
        // and so is the request that was waiting its turn
        assertThat(infoServed.get(5, java.util.concurrent.TimeUnit.SECONDS).last().status()).isEqualTo(487);
    }

    @Test
    void closingSendsNoByeBeforeTheAckOfOur2xx() throws Exception {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);
        java.util.concurrent.CountDownLatch sent2xx = new java.util.concurrent.CountDownLatch(1);
        // both block: each on a thread of its own, not on the common pool
        java.util.concurrent.Executor threads = task -> Thread.ofVirtual().start(task);
        CompletableFuture<Dialog> answered = CompletableFuture.supplyAsync(
                () -> layer.answer(invite, ok, sent2xx::countDown), threads);
        assertThat(sent2xx.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> layer.close(Duration.ofSeconds(5)), threads);

        // RFC 3261 15: the callee sends no BYE before the ACK for its 2xx (or its timeout)
        Thread.sleep(300);
        assertThat(stack.sent.stream().filter(r -> r.is(Method.BYE))).isEmpty();
        assertThat(closing).isNotDone();
        layer.onAck(Messages.fromAlice("ACK", 10, "bob"), Fakes.FROM);
        closing.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stack.sent.stream().filter(r -> r.is(Method.BYE))).hasSize(1);
        assertThat(answered.get(5, java.util.concurrent.TimeUnit.SECONDS).active()).isFalse();
    }

    @Test
    void anOfferlessReInviteAnswersThe2xxsOfferInTheAck() {
        stack.answers = r -> Messages.ok(r).toBuilder()
                .body("application/sdp", "v=0\r\ns=bob-offer\r\nm=audio 6000 RTP/AVP 0\r\n").build();
        SipRequest invite = Messages.invite();
        Dialog d = layer.call(invite, r -> { }, null).ack(Parts.NONE);
        String ours = d.localSdp().orElseThrow();

        d.request(Method.INVITE, Parts.NONE);

        // RFC 3264 5: an offer in the 2xx is answered in the ACK; here with the session as it is
        assertThat(stack.acks).last().satisfies(ack -> {
            assertThat(ack.cseq().sequence()).isEqualTo(11);
            assertThat(ack.bodyText()).isEqualTo(ours);
        });
        assertThat(d.remoteSdp()).hasValueSatisfying(s -> assertThat(s).contains("s=bob-offer"));
        // an INVITE with an offer of its own gets a plain ACK
        d.request(Method.INVITE, Parts.body("application/sdp", "v=0\r\ns=hold\r\n"));
        assertThat(stack.acks).last().satisfies(ack -> assertThat(ack.bodyLength()).isZero());
    }

    @Test
    void aReInvite2xxThatCouldNotGoLeavesNoAckDueForALaterBye() throws Exception {
        Dialog d = answered();
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        d.on(Method.INVITE, (req, res) -> {
            try {
                res.send(200);
            } catch (IllegalStateException e) {
                refused.add(e);
            }
        });
        SipRequest reInvite = Messages.fromAlice("INVITE", 11, "bob");
        Fakes.Res res = new Fakes.Res(reInvite);
        // the stack answered it 487 already, as for a CANCEL that came while the handler worked
        res.send(487, null, Parts.NONE);

        assertThat(layer.handle(Fakes.txn(reInvite), new Fakes.Req(reInvite), res)).isTrue();

        assertThat(refused).hasSize(1);
        // no ACK is due for a 2xx that never went: the BYE goes at once, not after 96*T1 (1.92 s here)
        CompletableFuture.runAsync(d::bye).get(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stack.sent.stream().filter(r -> r.is(Method.BYE))).hasSize(1);
    }

    @Test
    void a481ToAnInDialogRequestEndsTheDialog() {
        Dialog d = answered();
        stack.answers = r -> SipResponse.replyTo(r, 481).build();

        assertThat(d.request(Method.INFO, Parts.NONE).status()).isEqualTo(481);

        assertThat(d.active()).isFalse();
        assertThat(ends).singleElement().extracting(DialogEnd::reason).isEqualTo(DialogEnd.Reason.TRANSPORT_FAILURE);
    }

    @Test
    void reInviteWeSendIsAcknowledgedAndRefreshesTheTarget() {
        Dialog d = answered();
        stack.answers = r -> SipResponse.replyTo(r, 200).header("Contact", "<sip:alice@10.0.0.9:5070>")
                .body("application/sdp", "v=0\r\ns=moved\r\n").build();

        d.request(Method.INVITE, Parts.body("application/sdp", "v=0\r\ns=bob\r\n"));

        // the ACK is built after the 2xx refreshed the target, so it goes where the peer now is
        assertThat(stack.acks).singleElement().satisfies(ack -> {
            assertThat(ack.cseq().sequence()).isEqualTo(1);
            assertThat(ack.uri()).hasToString("sip:alice@10.0.0.9:5070");
        });
        assertThat(d.remoteTarget()).hasToString("sip:alice@10.0.0.9:5070");
        assertThat(d.remoteSdp()).hasValueSatisfying(s -> assertThat(s).contains("s=moved"));
        assertThat(d.localSdp()).hasValueSatisfying(s -> assertThat(s).contains("s=bob"));
    }

    @Test
    void aReInviteFromThePeerWhileOursIsPendingGets491AndASecondOfOursIsRefused() {
        Dialog d = answered();
        List<Integer> theirs = new CopyOnWriteArrayList<>();
        List<Throwable> ours = new CopyOnWriteArrayList<>();
        stack.answers = r -> {
            // the peer's re-INVITE crosses ours, and our app tries another one meanwhile
            theirs.add(serve(Messages.fromAlice("INVITE", 11, "bob")).last().status());
            try {
                d.request(Method.INVITE, Parts.NONE);
            } catch (IllegalStateException e) {
                ours.add(e);
            }
            return SipResponse.replyTo(r, 200).build();
        };

        assertThat(d.request(Method.INVITE, Parts.NONE).status()).isEqualTo(200);

        assertThat(theirs).containsExactly(491);
        assertThat(ours).singleElement().extracting(Throwable::getMessage).asString().contains("in progress");
        // once ours has its answer the next re-INVITE from the peer is served as usual
        assertThat(serve(Messages.fromAlice("INVITE", 12, "bob")).last().status()).isEqualTo(200);
        assertThat(d.active()).isTrue();
    }

    @Test
    void aSecondReInviteWhileTheFirstIsBeingAnsweredGets500WithRetryAfter() {
        Dialog d = answered();
        List<SipResponse> second = new CopyOnWriteArrayList<>();
        d.on(Method.INVITE, (req, res) -> {
            second.add(serve(Messages.fromAlice("INVITE", 12, "bob")).last());
            res.send(200);
        });

        assertThat(serve(Messages.fromAlice("INVITE", 11, "bob")).last().status()).isEqualTo(200);

        assertThat(second).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(0, 10));
        });
    }

    @Test
    void onceTheFirstReInviteHasItsFinalANewOneIsNoGlareEvenWhileItsHandlerStillRuns() {
        Dialog d = answered();
        List<Integer> later = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger depth = new java.util.concurrent.atomic.AtomicInteger();
        d.on(Method.INVITE, (req, res) -> {
            res.send(200);
            if (depth.incrementAndGet() == 1) {
                // answered, still in the handler: the peer's next re-INVITE and one of ours go on
                later.add(serve(Messages.fromAlice("INVITE", 12, "bob")).last().status());
                later.add(d.request(Method.INVITE, Parts.NONE).status());
            }
        });

        assertThat(serve(Messages.fromAlice("INVITE", 11, "bob")).last().status()).isEqualTo(200);

        assertThat(later).containsExactly(200, 200);
    }

    @Test
    void closeEndsEveryDialogWithBye() {
        answered();

        layer.close(Duration.ofSeconds(2));

        assertThat(layer.dialogs().count()).isZero();
        assertThat(ends).singleElement().extracting(DialogEnd::reason).isEqualTo(DialogEnd.Reason.APP_CLOSED);
    }

    // ---- review: defects found ----

    @Test
    void aReInviteOfferWithoutHandlerWhenWeHaveNoSdpGets488() {
        answered(); // Messages.ok carries no SDP: the dialog has no local SDP
        SipRequest reInvite = Messages.fromAlice("INVITE", 11, "bob").toBuilder()
                .body("application/sdp", Messages.SDP).build();

        SipResponse answer = serve(reInvite).last();

        // README: "a re-INVITE ... 200 with the last local SDP (488 when that SDP cannot answer the
        // offer: none, or another number of media lines)"; RFC 3261 13.3.1.4: a 2xx to an INVITE
        // with an offer MUST carry the answer
        assertThat(answer.status()).as("answer to an offer we cannot answer").isEqualTo(488);
    }

    @Test
    void aReInviteThatIsRefusedDoesNotRefreshTheRemoteTarget() {
        Dialog d = answered();
        d.on(Method.INVITE, (req, res) -> res.send(488));
        SipRequest reInvite = Messages.fromAlice("INVITE", 11, "bob").toBuilder()
                .header("Contact", "<sip:alice@10.0.0.9:5070>").build();

        assertThat(serve(reInvite).last().status()).isEqualTo(488);

        // RFC 6141 5 (updating RFC 3261 12.2.2): a target refresh takes effect only when it
        // succeeds; the layer's own UAC side refreshes only on a 2xx (SipDialog.request)
        assertThat(d.remoteTarget()).hasToString("sip:alice@127.0.0.1:5070");
        d.request(Method.INFO, Parts.NONE);
        assertThat(stack.sent.getLast().uri()).hasToString("sip:alice@127.0.0.1:5070");
    }

    @Test
    void anEndListenerThatThrowsAnErrorDoesNotStopTheOthers() {
        Dialog d = answered();
        List<String> told = new CopyOnWriteArrayList<>();
        d.onEnd(end -> {
            throw new AssertionError("a listener's bug");
        });
        d.onEnd(end -> told.add("second"));

        Throwable escaped = org.assertj.core.api.Assertions.catchThrowable(
                () -> serve(Messages.fromAlice("BYE", 11, "bob")));

        assertThat(d.active()).isFalse();
        // Dialog.onEnd: every listener is told once; one that fails must not keep the others from it
        assertThat(told).as("listeners after the failing one").containsExactly("second");
        assertThat(escaped).as("what escaped the BYE's serving").isNull();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void anUpdateOfferWhileThePeersReInviteOfferIsUnansweredGets500WithRetryAfter() throws Exception {
        Dialog d = answered();
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch otherLeg = new java.util.concurrent.CountDownLatch(1);
        d.on(Method.INVITE, (req, res) -> {
            inHandler.countDown();
            otherLeg.await(); // a B2BUA waiting for the other leg's answer to the offer
            res.send(200, Parts.body("application/sdp", Messages.SDP));
        });
        java.util.concurrent.Executor threads = task -> Thread.ofVirtual().start(task);
        SipRequest reInvite = Messages.fromAlice("INVITE", 11, "bob").toBuilder()
                .body("application/sdp", Messages.SDP).build();
        CompletableFuture<Fakes.Res> reInviteServed = CompletableFuture.supplyAsync(() -> serve(reInvite), threads);
        assertThat(inHandler.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        SipRequest update = Messages.fromAlice("UPDATE", 12, "bob").toBuilder()
                .body("application/sdp", Messages.SDP).build();
        CompletableFuture<Fakes.Res> updateServed = CompletableFuture.supplyAsync(() -> serve(update), threads);
        boolean answeredWhileOfferPending;
        try {
            updateServed.get(2, java.util.concurrent.TimeUnit.SECONDS);
            answeredWhileOfferPending = true;
        } catch (java.util.concurrent.TimeoutException e) {
            answeredWhileOfferPending = false;
        }
        otherLeg.countDown();
        SipResponse updateAnswer = updateServed.get(5, java.util.concurrent.TimeUnit.SECONDS).last();
        reInviteServed.get(5, java.util.concurrent.TimeUnit.SECONDS);

        // RFC 3311 5.2: an UPDATE with an offer while the UAS has an offer it has not answered
        // MUST get 500 with Retry-After 0-10, at once (not queued behind the re-INVITE's handler)
        assertThat(updateAnswer.status()).as("status of the UPDATE").isEqualTo(500);
        assertThat(updateAnswer.header("Retry-After")).isPresent();
        assertThat(answeredWhileOfferPending).as("UPDATE answered while the re-INVITE was unanswered").isTrue();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
