package drachtio.dialog.internal;

import drachtio.api.AckTimeoutException;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.DialogEndedException;
import drachtio.api.Handler;
import drachtio.api.Parts;
import drachtio.api.Response;
import drachtio.api.header.Address;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.Outcome;
import drachtio.dialog.Challenges;
import drachtio.dialog.internal.DialogStateMachine.Event;
import drachtio.dialog.internal.DialogStateMachine.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One dialog: its RFC 3261 12 state, requests out, and the end with its listeners. */
final class SipDialog implements Dialog {
    private static final Logger LOG = LoggerFactory.getLogger(SipDialog.class);

    private final DialogManager manager;
    private final Role role;
    private final String callId;
    private final Address local;
    private final Address remote;
    private final String id;
    private final List<Address> routeSet;
    private final String localContact;
    private final DialogStateMachine machine;
    private final AtomicLong localCSeq;
    /** Held while a request from the peer is served, so they reach the app one at a time. */
    final ReentrantLock serving = new ReentrantLock(true);
    /** The order the peer's requests arrived in, which they ask for {@link #serving} in. */
    final Arrivals arrivals = new Arrivals();
    /** Set while a re-INVITE of ours waits for its final response (RFC 3261 14.1). */
    final AtomicBoolean inviteOut = new AtomicBoolean();
    /** Set while an UPDATE of ours with an offer waits for its final response (RFC 3311 5.1). */
    final AtomicBoolean offerOut = new AtomicBoolean();
    /** The answer to the peer's re-INVITE being served, until its handler returns (RFC 3261 14.2). */
    volatile Response inviteIn;
    /** The answer to the peer's UPDATE being served, until its handler returns (RFC 3311 5.2). */
    volatile Response updateIn;
    private final ReentrantLock lock = new ReentrantLock();
    /** Held from taking a CSeq until the stack has the request ({@link #sendNext}). */
    private final ReentrantLock sending = new ReentrantLock();
    /** Answers challenges to our requests; null when the dialog has no login. */
    private volatile Challenges challenges;
    private final Map<Method, Handler> handlers = new ConcurrentHashMap<>(4);
    /** Requests from the peer wait on it until the app's code that answered has returned. */
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile Uri remoteTarget;
    private volatile long remoteCSeq;
    private volatile String localSdp;
    private volatile String remoteSdp;
    // guarded by lock
    private List<Consumer<DialogEnd>> endListeners = List.of();
    private DialogEnd end;
    private long awaitedAck = -1;
    private CompletableFuture<Dialog> firstAck;
    /** Completed when the ACK for our latest 2xx to an INVITE came, timed out or the dialog ended; null when none is due. */
    private CompletableFuture<Void> ackDue;

    /**
     * @param manager the layer
     * @param role UAS or UAC
     * @param local our address with our tag
     * @param remote the peer's address with its tag
     * @param callId the Call-ID
     * @param routeSet the route set, in the order requests use it
     * @param remoteTarget the peer's Contact URI
     * @param localContact our Contact header value
     * @param localCSeq the last CSeq we used (0 when none)
     * @param remoteCSeq the last CSeq the peer used (-1 when none)
     * @param initial the state to start in
     */
    SipDialog(DialogManager manager, Role role, Address local, Address remote, String callId, List<Address> routeSet,
              Uri remoteTarget, String localContact, long localCSeq, long remoteCSeq, State initial) {
        this.manager = manager;
        this.role = role;
        this.callId = callId;
        this.local = local;
        this.remote = remote;
        this.routeSet = List.copyOf(routeSet);
        this.remoteTarget = Objects.requireNonNull(remoteTarget, "remoteTarget");
        this.localContact = localContact;
        this.localCSeq = new AtomicLong(localCSeq);
        this.remoteCSeq = remoteCSeq;
        this.machine = new DialogStateMachine(initial);
        this.id = DialogManager.id(callId, localTag(), remoteTag());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String localTag() {
        return local.tag().orElse("");
    }

    @Override
    public String remoteTag() {
        return remote.tag().orElse("");
    }

    @Override
    public Uri localUri() {
        return local.uri();
    }

    @Override
    public Uri remoteUri() {
        return remote.uri();
    }

    @Override
    public Uri remoteTarget() {
        return remoteTarget;
    }

    @Override
    public List<Address> routeSet() {
        return routeSet;
    }

    @Override
    public long localCSeq() {
        return localCSeq.get();
    }

    @Override
    public long remoteCSeq() {
        return remoteCSeq;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Optional<String> localSdp() {
        return Optional.ofNullable(localSdp);
    }

    @Override
    public Optional<String> remoteSdp() {
        return Optional.ofNullable(remoteSdp);
    }

    @Override
    public boolean active() {
        return machine.state() != State.TERMINATED;
    }

    /** @return the state, for tests and logs */
    State state() {
        return machine.state();
    }

    Address localAddress() {
        return local;
    }

    Address remoteAddress() {
        return remote;
    }

    String localContact() {
        return localContact;
    }

    void remoteTarget(Uri uri) {
        remoteTarget = uri;
    }

    void remoteCSeq(long cseq) {
        remoteCSeq = cseq;
    }

    void localSdp(String sdp) {
        localSdp = sdp;
    }

    void remoteSdp(String sdp) {
        remoteSdp = sdp;
    }

    /** The code that got this dialog has returned (or never will hold it): requests may go. */
    void release() {
        held.countDown();
    }

    /** @return whether the code that got this dialog has returned: requests need not wait for it */
    boolean released() {
        return held.getCount() == 0;
    }

    /**
     * Waits until {@link #release}, at most {@code bound}, so handlers set right after the
     * answer see the requests that follow the ACK at once.
     */
    void awaitRelease(java.time.Duration bound) {
        try {
            if (!held.await(bound.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                LOG.debug("serving a request before the answering code returned; Call-ID {}", callId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the handler the app set for a method, or {@code null} */
    Handler handler(Method method) {
        return handlers.get(method);
    }

    @Override
    public Dialog on(Method method, Handler handler) {
        Objects.requireNonNull(method, "method");
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            throw new IllegalArgumentException(method + " is handled by the stack, not by a dialog handler");
        }
        handlers.put(method, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    @Override
    public Dialog onEnd(Consumer<DialogEnd> listener) {
        Objects.requireNonNull(listener, "listener");
        DialogEnd already;
        lock.lock();
        try {
            already = end;
            if (already == null) {
                List<Consumer<DialogEnd>> more = new ArrayList<>(endListeners);
                more.add(listener);
                endListeners = more;
            }
        } finally {
            lock.unlock();
        }
        if (already != null) {
            listener.accept(already);
        }
        return this;
    }

    /** @return whether a re-INVITE of the peer's is being served and has no final response yet */
    boolean peersInviteUnanswered() {
        Response r = inviteIn;
        return r != null && !r.finalSent();
    }

    /** @return whether an UPDATE of the peer's is being served and has no final response yet */
    boolean peersUpdateUnanswered() {
        Response r = updateIn;
        return r != null && !r.finalSent();
    }

    /**
     * Takes the next local CSeq (RFC 3261 12.2.1.1: one more than the last) and hands the request
     * made with it to the stack under one lock, so that requests leave in CSeq order when several
     * threads send in the dialog at once (a peer refuses a CSeq lower than one it has seen with
     * 500, 12.2.2); then waits for the answer, outside the lock.
     *
     * @param build makes the request for a CSeq
     * @return the request, its CSeq and its final response
     */
    private Answered sendNext(java.util.function.LongFunction<SipRequest> build) {
        SipRequest request;
        long cseq;
        CompletableFuture<Sent> sent;
        sending.lock();
        try {
            cseq = localCSeq.incrementAndGet();
            request = build.apply(cseq);
            sent = Sent.start(manager.stack(), request);
        } finally {
            sending.unlock();
        }
        return new Answered(request, cseq, sent.join());
    }

    /**
     * Sends a request and, when the answer is a 401 or 407 and the dialog was made by a call
     * with a login, sends it once more with credentials (RFC 3261 22.2), on the next CSeq.
     *
     * @return what was sent last and its final response
     */
    private Answered sendAnswering(Method method, Parts parts) {
        Answered first = sendNext(cseq -> InDialogRequests.build(this, method, cseq, parts));
        Challenges answerer = challenges;
        int status = first.sent().response().status();
        if (answerer == null || (status != 401 && status != 407)) {
            return first;
        }
        Optional<SipRequest> retry = answerer.answer(first.request(), first.sent().response());
        if (retry.isEmpty()) {
            return first;
        }
        LOG.debug("answering the {} challenge to {} in the dialog; Call-ID {}", status, method, callId);
        return sendNext(cseq -> retry.get().toBuilder().setHeader("CSeq", cseq + " " + method.name()).build());
    }

    /** A request of the dialog as last sent and its final response. */
    private record Answered(SipRequest request, long cseq, Sent sent) {
    }

    /**
     * @param answerer answers 401 and 407 challenges to this dialog's requests, as the call that
     *     made it did; {@code null} leaves them unanswered
     */
    void challenges(Challenges answerer) {
        this.challenges = answerer;
    }

    @Override
    public SipResponse request(Method method, Parts parts) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(parts, "parts");
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            throw new IllegalArgumentException(method + " is sent by the dialog layer or the stack, not requested");
        }
        if (method.equals(Method.BYE)) {
            return hangUp(DialogEnd.Reason.LOCAL_BYE, parts).orElseThrow(() -> ended("BYE"));
        }
        if (!active()) {
            throw ended(method.name());
        }
        boolean invite = method.equals(Method.INVITE);
        // RFC 3261 14.1: no new INVITE while another is in progress in either direction
        if (invite && (peersInviteUnanswered() || !inviteOut.compareAndSet(false, true))) {
            throw new IllegalStateException("a re-INVITE is already in progress in this dialog; Call-ID " + callId);
        }
        // RFC 3311 5.1: no UPDATE with an offer while an offer of ours is unanswered
        boolean updateOffer = method.equals(Method.UPDATE) && InDialogRequests.hasSdp(parts);
        if (updateOffer && (inviteOut.get() || !offerOut.compareAndSet(false, true))) {
            throw new IllegalStateException("an offer of ours is already outstanding in this dialog; Call-ID " + callId);
        }
        Answered answered;
        try {
            answered = sendAnswering(method, parts);
        } finally {
            if (invite) {
                inviteOut.set(false);
            }
            if (updateOffer) {
                offerOut.set(false);
            }
        }
        Sent sent = answered.sent();
        SipResponse response = sent.response();
        boolean received2xx = response.success() && sent.outcome() == Outcome.RECEIVED;
        if (received2xx && (invite || method.equals(Method.UPDATE))) {
            // RFC 3261 12.2.1.2, RFC 3311 5.1: the 2xx to a target refresh request names the new
            // target; for an INVITE first, so that the ACK (13.2.2.4), built like any request of
            // the dialog, goes there too
            response.contacts().stream().findFirst().flatMap(c -> c.uri()).ifPresent(this::remoteTarget);
        }
        if (invite && received2xx) {
            Parts ack = Parts.NONE;
            String session = localSdp;
            Optional<String> offer = DialogManager.sdpOf(response);
            if (!InDialogRequests.hasSdp(parts) && offer.isPresent()) {
                // our re-INVITE had no offer, so the 2xx made one and the ACK must answer it (RFC 3264
                // 5, RFC 3261 13.2.1): the session as it is
                if (session == null || !InDialogRequests.sameMedia(offer.get(), session)) {
                    LOG.warn("the 2xx to our offerless re-INVITE makes an offer {}; the ACK goes without an "
                            + "answer; Call-ID {}", session == null ? "and we have no SDP to answer it with"
                            : "with another number of media lines than our SDP", callId);
                } else {
                    ack = Parts.body("application/sdp", session);
                }
            }
            try {
                manager.stack().sendAck(InDialogRequests.build(this, Method.ACK, answered.cseq(),
                        InDialogRequests.withCredentialsOf(answered.request(), ack)));
            } catch (RuntimeException e) {
                // a target we cannot reach (a name that does not resolve, a transport we lack):
                // the peer's 2xx retransmissions give up and it ends the call; the answer stands
                LOG.warn("could not send the ACK for the 2xx to our re-INVITE to {}: {}; Call-ID {}",
                        remoteTarget(), e.toString(), callId);
            }
        }
        if (response.success()) {
            if (InDialogRequests.hasSdp(parts)) {
                localSdp = new String(parts.body(), java.nio.charset.StandardCharsets.UTF_8);
            }
            DialogManager.sdpOf(response).ifPresent(this::remoteSdp);
        } else if (sent.dialogGone()) {
            LOG.info("{} in dialog got {}: the dialog is gone; Call-ID {}", method, response.status(), callId);
            if (terminate(DialogEnd.Reason.TRANSPORT_FAILURE)) {
                ended(new DialogEnd(DialogEnd.Reason.TRANSPORT_FAILURE, response));
            }
        }
        return response;
    }

    @Override
    public void bye() {
        hangUp(DialogEnd.Reason.LOCAL_BYE, Parts.NONE);
    }

    /**
     * Ends the dialog and sends a BYE, blocking for its answer.
     *
     * @param reason why we hang up
     * @param parts extra headers for the BYE
     * @return the BYE's final response, empty when the dialog had already ended
     */
    Optional<SipResponse> hangUp(DialogEnd.Reason reason, Parts parts) {
        if (!active()) {
            return Optional.empty();
        }
        awaitAckBeforeBye();
        if (!terminate(reason)) {
            return Optional.empty();
        }
        SipResponse response = null;
        try {
            response = sendAnswering(Method.BYE, parts).sent().response();
            LOG.debug("BYE ({}) answered {}; Call-ID {}", reason, response.status(), callId);
            return Optional.of(response);
        } finally {
            ended(new DialogEnd(reason, response));
        }
    }

    /**
     * Moves to TERMINATED and leaves the registry; the end is reported later by {@link #ended}.
     *
     * @param reason why
     * @return whether this call ended the dialog (false when it had already ended)
     */
    boolean terminate(DialogEnd.Reason reason) {
        boolean now = machine.fire(new Event.Ended(reason)).ended();
        if (now) {
            manager.unregister(this);
        }
        return now;
    }

    /** Records the end, wakes an answer waiting for its ACK, and tells the listeners once, on this thread. */
    void ended(DialogEnd how) {
        ended(how, false);
    }

    /**
     * Records the end, wakes an answer waiting for its ACK, and tells the listeners once.
     *
     * @param how why it ended
     * @param listenersApart whether the listeners run on a virtual thread of their own: this
     *     thread (a transport reader) must not run application code
     */
    void ended(DialogEnd how, boolean listenersApart) {
        List<Consumer<DialogEnd>> listeners;
        CompletableFuture<Dialog> waiting;
        lock.lock();
        try {
            if (end != null) {
                return;
            }
            end = how;
            listeners = endListeners;
            endListeners = List.of();
            waiting = firstAck;
            firstAck = null;
            ackSettled();
        } finally {
            lock.unlock();
        }
        LOG.debug("dialog ended: {}; Call-ID {}", how.reason(), callId);
        if (waiting != null) {
            switch (how.reason()) {
                case REMOTE_BYE -> waiting.complete(this);
                case ACK_TIMEOUT -> waiting.completeExceptionally(new AckTimeoutException((SipResponse) how.message()));
                default -> waiting.completeExceptionally(
                        new DialogEndedException("the dialog ended (" + how.reason() + ") before the ACK; Call-ID " + callId));
            }
        }
        if (listeners.isEmpty()) {
            return;
        }
        if (listenersApart) {
            Thread.ofVirtual().name("drachtio-dialog-end").start(() -> tell(listeners, how));
        } else {
            tell(listeners, how);
        }
    }

    private void tell(List<Consumer<DialogEnd>> listeners, DialogEnd how) {
        for (Consumer<DialogEnd> l : listeners) {
            try {
                l.accept(how);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // an Error of a listener's too: the listeners after it are still told
                LOG.warn("dialog end listener failed; Call-ID {}", callId, e);
            }
        }
    }

    /**
     * We are about to send a 2xx to an INVITE with this CSeq: its ACK is awaited.
     *
     * @param cseq the INVITE's CSeq
     * @param waiter completed by the ACK (with this dialog) or the end, or {@code null}
     */
    void expectAck(long cseq, CompletableFuture<Dialog> waiter) {
        lock.lock();
        try {
            if (end != null) {
                return; // no ACK matters to a dialog that has ended
            }
            awaitedAck = cseq;
            if (waiter != null) {
                firstAck = waiter;
            }
            if (ackDue == null) {
                ackDue = new CompletableFuture<>();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The 2xx that {@link #expectAck} announced was not sent after all: no ACK is due for it.
     *
     * @param cseq the CSeq of the INVITE it answered
     */
    void noAckDue(long cseq) {
        lock.lock();
        try {
            if (awaitedAck == cseq) {
                awaitedAck = -1;
                ackSettled();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held: the ACK awaited came, will not come, or no longer matters. */
    private void ackSettled() {
        if (ackDue != null) {
            ackDue.complete(null);
            ackDue = null;
        }
    }

    /**
     * RFC 3261 15: a UAS does not send BYE on a confirmed dialog before the ACK for its 2xx came
     * or the server transaction timed out. Waits for that, at most the layer's own ACK wait.
     */
    private void awaitAckBeforeBye() {
        CompletableFuture<Void> due;
        lock.lock();
        try {
            due = ackDue;
        } finally {
            lock.unlock();
        }
        if (due == null) {
            return;
        }
        LOG.debug("BYE waits for the ACK of our 2xx; Call-ID {}", callId);
        try {
            due.get(manager.ackWait().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("no ACK before our BYE; sending it anyway; Call-ID {}", callId);
        }
    }

    /** The peer's ACK for a 2xx of ours. */
    void acked(SipRequest ack) {
        CompletableFuture<Dialog> waiting = null;
        lock.lock();
        try {
            if (ack.cseq().sequence() != awaitedAck) {
                LOG.debug("ACK with CSeq {} while awaiting {}; Call-ID {}", ack.cseq().sequence(), awaitedAck, callId);
                return;
            }
            awaitedAck = -1;
            waiting = firstAck;
            firstAck = null;
            ackSettled();
        } finally {
            lock.unlock();
        }
        machine.fire(new Event.Acked(ack.cseq().sequence()));
        DialogManager.sdpOf(ack).ifPresent(this::remoteSdp);
        if (waiting != null) {
            waiting.complete(this);
        }
    }

    /** Our 2xx was never acknowledged (RFC 3261 13.3.1.4): end the dialog with BYE. */
    void ackTimedOut(SipResponse response) {
        lock.lock();
        try {
            if (awaitedAck != response.cseq().sequence()) {
                return;
            }
            awaitedAck = -1;
            ackSettled();
        } finally {
            lock.unlock();
        }
        LOG.info("no ACK for our {} within 64*T1: ending the call with BYE; Call-ID {}", response.status(), callId);
        if (!terminate(DialogEnd.Reason.ACK_TIMEOUT)) {
            return;
        }
        ended(new DialogEnd(DialogEnd.Reason.ACK_TIMEOUT, response));
        Thread.ofVirtual().name("drachtio-bye").start(() -> {
            SipResponse r = sendAnswering(Method.BYE, Parts.NONE).sent().response();
            LOG.debug("BYE after the ACK timeout answered {}; Call-ID {}", r.status(), callId);
        });
    }

    /** The 2xx we sent made the dialog confirmed. */
    void answered() {
        machine.fire(new Event.Answered());
    }

    /** The 2xx could not be sent after all: the dialog never was (no one holds it yet). */
    void refused() {
        lock.lock();
        try {
            awaitedAck = -1;
            ackSettled();
        } finally {
            lock.unlock();
        }
        if (machine.fire(new Event.Refused()).ended()) {
            manager.unregister(this);
        }
    }

    private DialogEndedException ended(String what) {
        return new DialogEndedException("cannot send " + what + ": the dialog has ended; Call-ID " + callId);
    }

    @Override
    public String toString() {
        return role + " dialog " + id + " (" + machine.state() + ")";
    }
}
