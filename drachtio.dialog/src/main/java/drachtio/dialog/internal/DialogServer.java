package drachtio.dialog.internal;

import drachtio.api.DialogEnd;
import drachtio.api.Handler;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the peer's requests inside one dialog (RFC 3261 12.2.2): the CSeq check, target
 * refresh, the app's handler or the default answer, and the end on BYE.
 */
final class DialogServer {
    private static final Logger LOG = LoggerFactory.getLogger(DialogServer.class);
    /** Answered 200 when the app set no handler. */
    private static final Set<Method> PLAIN_OK = Set.of(Method.INFO, Method.NOTIFY, Method.OPTIONS, Method.UPDATE);
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, NOTIFY, OPTIONS, UPDATE";

    private DialogServer() {
    }

    /**
     * Serves one request; the caller holds nothing. Blocks while the app's handler runs.
     *
     * @param d the dialog the request belongs to
     * @param req the request
     * @param res its responses
     * @param hold the longest a request waits for the answering code to return
     */
    static void serve(SipDialog d, Request req, Response res, java.time.Duration hold, long ticket) {
        boolean passed = false;
        try {
            passed = serveInTurn(d, req, res, hold, ticket);
        } finally {
            if (!passed) {
                d.arrivals.pass(ticket);
            }
        }
    }

    /** @return whether the ticket's turn was passed on already (once the serving lock was held) */
    private static boolean serveInTurn(SipDialog d, Request req, Response res, java.time.Duration hold, long ticket) {
        SipRequest message = req.message();
        boolean secondInvite = message.method().equals(Method.INVITE) && d.peersInviteUnanswered();
        // RFC 3311 5.2: an UPDATE with an offer while an offer of the peer's awaits our answer (in
        // a re-INVITE or an UPDATE being served), or any UPDATE while one of its UPDATEs is
        boolean updateTooSoon = message.method().equals(Method.UPDATE) && (d.peersUpdateUnanswered()
                || d.peersInviteUnanswered() && DialogManager.sdpOf(message).isPresent());
        if ((secondInvite || updateTooSoon) && d.active()) {
            // RFC 3261 14.2: a second re-INVITE while the first is still being answered
            send(res, 500, "Server Internal Error",
                    Parts.header("Retry-After", Integer.toString(ThreadLocalRandom.current().nextInt(11))));
            return false;
        }
        d.awaitRelease(hold);
        boolean bye = req.message().method().equals(Method.BYE);
        if (bye && !d.serving.tryLock()) {
            // a handler is still at work on an earlier request (a re-INVITE waiting on another
            // leg, say): the BYE does not queue behind it (RFC 3261 15.1.2), and a re-INVITE of
            // the peer's without its final answer gets 487
            d.arrivals.pass(ticket);
            Response pending = d.inviteIn;
            if (pending != null && !pending.finalSent()) {
                send(pending, 487, "Request Terminated", Parts.NONE);
            }
            serveInOrder(d, req, res, false);
            return true;
        }
        if (!bye) {
            // ask for the lock in the order the requests arrived, which its fair queue then keeps
            d.arrivals.awaitTurn(ticket, hold);
            d.serving.lock();
        }
        d.arrivals.pass(ticket);
        try {
            serveInOrder(d, req, res, false);
        } finally {
            d.serving.unlock();
        }
        return true;
    }

    /**
     * Serves one request on the calling thread if that needs no waiting and no application
     * code: the answering code has returned, no earlier request holds the dialog (the fair
     * lock is taken only when nobody queues for it), and the method has no handler.
     *
     * @return whether it was served; when {@code false} nothing was done
     */
    static boolean serveAtOnce(SipDialog d, Request req, Response res) {
        Method method = req.message().method();
        if (!(method.equals(Method.BYE) || PLAIN_OK.contains(method)) || d.handler(method) != null || !d.released()
                || d.arrivals.waiting()) {
            // (waiting: an earlier request is on its way to the serving lock, and goes first)
            return false;
        }
        boolean locked;
        try {
            // honours the lock's fairness, unlike tryLock(): a request queued for it goes first
            locked = d.serving.tryLock(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!locked) {
            return false;
        }
        try {
            if (d.handler(method) != null) {
                return false;
            }
            serveInOrder(d, req, res, true);
            return true;
        } finally {
            d.serving.unlock();
        }
    }

    /** @param atOnce whether this is a transport's reader, which must not run the dialog's end listeners */
    private static void serveInOrder(SipDialog d, Request req, Response res, boolean atOnce) {
        SipRequest message = req.message();
        Method method = message.method();
        if (!d.active()) {
            // it found the dialog and waited its turn while the dialog ended (a BYE, say): a
            // pending request, answered 487 as RFC 3261 15.1.2 recommends
            send(res, 487, "Request Terminated", Parts.NONE);
            return;
        }
        long cseq = message.cseq().sequence();
        if (d.remoteCSeq() >= 0 && cseq < d.remoteCSeq()) {
            LOG.info("{} with CSeq {} below the last ({}) answered 500; Call-ID {}", method, cseq, d.remoteCSeq(),
                    d.callId());
            send(res, 500, "Out of Order CSeq", Parts.NONE);
            return;
        }
        d.remoteCSeq(cseq);
        if (method.equals(Method.UPDATE) && DialogManager.sdpOf(message).isPresent()
                && (d.inviteOut.get() || d.offerOut.get())) {
            // RFC 3311 5.2: an offer while one of ours is unanswered: glare, whoever handles UPDATE
            send(res, 491, "Request Pending", Parts.NONE);
            return;
        }
        if (method.equals(Method.INVITE)) {
            if (d.inviteOut.get() || d.offerOut.get()) {
                // RFC 3261 14.2: our own re-INVITE is in progress, or (RFC 3311 5.2) the offer of
                // our UPDATE is unanswered: glare
                send(res, 491, "Request Pending", Parts.NONE);
                return;
            }
            d.inviteIn = res;
            try {
                serveRequest(d, req, res, atOnce);
            } finally {
                d.inviteIn = null;
            }
            return;
        }
        if (method.equals(Method.UPDATE)) {
            d.updateIn = res;
            try {
                serveRequest(d, req, res, atOnce);
            } finally {
                d.updateIn = null;
            }
            return;
        }
        serveRequest(d, req, res, atOnce);
    }

    private static void serveRequest(SipDialog d, Request req, Response res, boolean atOnce) {
        SipRequest message = req.message();
        Method method = message.method();
        DialogManager.sdpOf(message).ifPresent(d::remoteSdp);
        DialogResponse answer = new DialogResponse(d, message, res);
        Handler handler = d.handler(method);
        if (handler != null) {
            runHandler(d, handler, req, answer);
        } else {
            answerByDefault(d, message, answer);
        }
        if (method.equals(Method.BYE)) {
            if (!answer.finalSent()) {
                send(answer, 200, null, Parts.NONE);
            }
            if (d.terminate(DialogEnd.Reason.REMOTE_BYE)) {
                d.ended(new DialogEnd(DialogEnd.Reason.REMOTE_BYE, message), atOnce);
            }
        }
    }

    private static void runHandler(SipDialog d, Handler handler, Request req, DialogResponse res) {
        try {
            handler.handle(req, res);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // an Error of the handler's (an AssertionError, say) too: the request still gets its
            // answer and a BYE still ends the dialog
            if (!d.active() && res.finalSent()) {
                // the peer hung up while the handler worked: its request was answered 487
                LOG.info("dialog handler for {} failed after the dialog ended: {}; Call-ID {}", req.method(),
                        e.toString(), d.callId());
            } else {
                LOG.error("dialog handler for {} failed; Call-ID {}", req.method(), d.callId(), e);
            }
        }
        if (!res.finalSent() && !req.method().equals(Method.BYE)) {
            LOG.error("dialog handler for {} returned without a final response; answering 500; Call-ID {}",
                    req.method(), d.callId());
            send(res, 500, "Server Internal Error", Parts.NONE);
        }
    }

    private static void answerByDefault(SipDialog d, SipRequest message, DialogResponse res) {
        Method method = message.method();
        Parts unreadable = (method.equals(Method.INVITE) || method.equals(Method.UPDATE)) ? unreadable(message) : null;
        if (unreadable != null) {
            // RFC 3261 8.2.3: a session body we cannot read is refused, naming what we can read
            send(res, 415, null, unreadable);
        } else if (method.equals(Method.BYE)) {
            send(res, 200, null, Parts.NONE);
        } else if (method.equals(Method.INVITE)) {
            // a re-INVITE: the session goes on as it is (RFC 3264 8: the same SDP again), unless
            // its offer finds no SDP of ours, or one with another number of media lines, to
            // answer it (RFC 3261 13.3.1.4: a 2xx to an offer carries the answer)
            Optional<String> offer = DialogManager.sdpOf(message);
            Optional<String> ours = d.localSdp();
            if (offer.isPresent() && (ours.isEmpty() || !InDialogRequests.sameMedia(offer.get(), ours.get()))) {
                send(res, 488, null, Parts.NONE);
            } else {
                send(res, 200, null, ours.map(sdp -> Parts.body("application/sdp", sdp)).orElse(Parts.NONE));
            }
        } else if (method.equals(Method.UPDATE) && DialogManager.sdpOf(message).isPresent()) {
            // an offer in an UPDATE needs an answer in its 2xx (RFC 3311 5.2): the session as it
            // is; 488 when our SDP cannot answer it (glare was answered 491 before)
            Optional<String> ours = d.localSdp();
            if (ours.isEmpty() || !InDialogRequests.sameMedia(DialogManager.sdpOf(message).get(), ours.get())) {
                send(res, 488, null, Parts.NONE);
            } else {
                send(res, 200, null, Parts.body("application/sdp", ours.get()));
            }
        } else if (PLAIN_OK.contains(method)) {
            send(res, 200, null, Parts.NONE);
        } else {
            send(res, method.known() ? 405 : 501, null, Parts.header("Allow", ALLOW));
        }
    }

    /**
     * @return what a 415 names for a body the default answers cannot read (RFC 3261 8.2.3): one in
     *     a content coding (Accept-Encoding), or of a type other than SDP that is not marked
     *     {@code handling=optional} (Accept); null when the body is readable or absent
     */
    private static Parts unreadable(SipRequest message) {
        if (message.bodyLength() == 0) {
            return null;
        }
        if (DialogManager.encoded(message)) {
            return Parts.header("Accept-Encoding", "identity");
        }
        boolean sdp = message.contentType().map(t -> InDialogRequests.isSdp(t.toString())).orElse(false);
        boolean optional = message.header("Content-Disposition")
                .map(v -> v.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains(";handling=optional"))
                .orElse(false);
        return sdp || optional ? null : Parts.header("Accept", "application/sdp");
    }

    private static void send(Response res, int status, String reason, Parts parts) {
        try {
            res.send(status, reason, parts);
        } catch (IllegalStateException e) {
            LOG.debug("could not send {}: {}", status, e.getMessage());
        }
    }
}
