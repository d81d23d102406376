package drachtio.dialog.internal;

import drachtio.api.CallFailedException;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.DialogEndedException;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.dialog.Challenges;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our INVITE in progress (RFC 3261 13.2): a 2xx makes the dialog, the app ACKs or cancels. */
final class UacCall implements PendingCall, ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UacCall.class);

    private final DialogManager manager;
    private final SipRequest invite;
    /** Answers challenges to the dialog's later requests; null without a login. */
    private final Challenges challenges;
    private final Consumer<SipResponse> provisional;
    private final Duration timeout;
    private final CompletableFuture<SipResponse> done = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile OutgoingTransaction transaction;
    private volatile SipDialog dialog;
    private boolean acked;
    /** Whether a provisional response came: a CANCEL waits for one (RFC 3261 9.1). */
    private volatile boolean provisionalSeen;
    /** Set when a 2xx crossed our CANCEL and the call was ended: there is no dialog to hand out. */
    private volatile boolean hungUp;

    UacCall(DialogManager manager, SipRequest invite, Consumer<SipResponse> provisional, Duration timeout,
            Challenges challenges) {
        this.manager = manager;
        this.invite = invite;
        this.provisional = provisional;
        this.timeout = timeout;
        this.challenges = challenges;
    }

    UacCall start() {
        transaction = manager.stack().send(invite, this);
        return this;
    }

    @Override
    public String callId() {
        return invite.callId();
    }

    @Override
    public void onProvisional(SipResponse response) {
        provisionalSeen = true;
        if (provisional != null) {
            try {
                provisional.accept(response);
            } catch (RuntimeException e) {
                LOG.warn("provisional-response listener failed; Call-ID {}", callId(), e);
            }
        }
    }

    @Override
    public void onFinal(SipResponse response, Outcome outcome) {
        if (response.success() && outcome == Outcome.RECEIVED) {
            SipDialog d = manager.uac(invite, response);
            d.challenges(challenges);
            manager.register(d);
            dialog = d;
            if (!done.complete(response)) {
                // the app stopped waiting (a timeout or a cancel before any provisional) and has its
                // answer: this late 2xx is acknowledged and ended, off the reader (RFC 3261 15)
                LOG.info("2xx after the call was given up: ACK and BYE; Call-ID {}", callId());
                Thread.ofVirtual().name("drachtio-late-2xx").start(() -> {
                    sendAck(d, Parts.NONE);
                    d.bye();
                });
            }
            return;
        }
        done.complete(response);
    }

    @Override
    public void onAdditional2xx(SipResponse response) {
        SipDialog d = dialog;
        String tag = response.to().tag().orElse("");
        if (d == null || tag.equals(d.remoteTag())) {
            return; // a retransmission: the stack re-sends our ACK once we sent it
        }
        // RFC 3261 13.2.2.4: a forked INVITE's second dialog is acknowledged, then ended
        LOG.info("ending a forked 2xx dialog (To tag {}); Call-ID {}", tag, callId());
        SipDialog fork = manager.uac(invite, response);
        fork.challenges(challenges);
        // off the reader, which must never wait: the ACK may open a TCP connection
        Thread.ofVirtual().name("drachtio-fork-bye").start(() -> {
            try {
                manager.stack().sendAck(InDialogRequests.build(fork, Method.ACK, invite.cseq().sequence(),
                        InDialogRequests.withCredentialsOf(invite, Parts.NONE)));
            } catch (RuntimeException e) {
                LOG.warn("could not send the ACK for a forked 2xx: {}; Call-ID {}", e.toString(), callId());
            }
            fork.bye();
        });
    }

    @Override
    public SipResponse awaitFinal() {
        if (timeout == null) {
            return done.join();
        }
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.debug("no answer to INVITE within {}: cancelling; Call-ID {}", timeout, callId());
            return stop(408);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transaction.cancel();
            throw new IllegalStateException("interrupted while waiting for the answer; Call-ID " + callId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the INVITE failed; Call-ID " + callId(), e.getCause());
        }
    }

    @Override
    public Dialog ack(Parts parts) {
        SipResponse answer = awaitFinal();
        SipDialog d = dialog;
        if (!answer.success() || d == null || hungUp) {
            // hungUp: the 2xx crossed our CANCEL, and the call it made has been ended with BYE
            throw new CallFailedException(answer);
        }
        lock.lock();
        try {
            if (!acked) {
                if (!sendAck(d, parts)) {
                    throw new DialogEndedException("the ACK for the 2xx could not be sent to "
                            + d.remoteTarget() + "; the call has ended; Call-ID " + callId());
                }
                acked = true;
                if (InDialogRequests.hasSdp(parts)) {
                    d.localSdp(new String(parts.body(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            lock.unlock();
        }
        return d;
    }

    @Override
    public SipResponse cancel() {
        return stop(487);
    }

    /**
     * Cancels the INVITE and returns its final response. The CANCEL waits for a provisional
     * (RFC 3261 9.1), which may never come: without one the call ends at once with a response of
     * the stack's own ({@code status}: 408 for a timeout, 487 for a cancel) while the CANCEL goes
     * when a provisional does, and a 2xx that comes later still is acknowledged and ended.
     */
    private SipResponse stop(int status) {
        if (!done.isDone()) {
            transaction.cancel();
            if (!provisionalSeen) {
                done.complete(SipResponse.replyTo(transaction.request(), status).build());
            }
        }
        SipResponse answer = done.join();
        SipDialog d = dialog;
        if (answer.success() && d != null && !hungUp) {
            // the 2xx crossed our CANCEL: the call is up, so acknowledge and end it (RFC 3261 15)
            LOG.debug("2xx crossed our CANCEL: ACK and BYE; Call-ID {}", callId());
            ack(Parts.NONE).bye();
            hungUp = true;
        }
        return answer;
    }

    /**
     * @return whether the ACK for the 2xx went out; when it cannot (a Contact that does not
     *     resolve, a transport we lack) the dialog ends, as it would when the peer never hears it
     */
    private boolean sendAck(SipDialog d, Parts parts) {
        try {
            manager.stack().sendAck(InDialogRequests.build(d, Method.ACK, invite.cseq().sequence(),
                    InDialogRequests.withCredentialsOf(invite, parts)));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not send the ACK for a 2xx to {}: {}; Call-ID {}", d.remoteTarget(), e.toString(), callId());
            if (d.terminate(DialogEnd.Reason.TRANSPORT_FAILURE)) {
                d.ended(new DialogEnd(DialogEnd.Reason.TRANSPORT_FAILURE, null));
            }
            return false;
        }
    }
}
