package drachtio.dialog.internal;

import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.Dialogs;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.header.Address;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.dialog.Challenges;
import drachtio.dialog.DialogLayer;
import drachtio.dialog.internal.DialogStateMachine.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link DialogLayer}: the registry of live dialogs and the ways into it. */
public final class DialogManager implements DialogLayer, Dialogs {
    private static final Logger LOG = LoggerFactory.getLogger(DialogManager.class);
    /**
     * Methods that may belong to a subscription dialog (RFC 6665: a refresh or removal, a
     * NOTIFY; a REFER's implicit subscription, RFC 3515) rather than to an INVITE's.
     */
    private static final Set<Method> SUBSCRIPTION_METHODS = Set.of(Method.SUBSCRIBE, Method.NOTIFY, Method.REFER);

    private final SipStack stack;
    private final Duration ackWait;
    private final Duration hold;
    private final ConcurrentHashMap<String, SipDialog> live = new ConcurrentHashMap<>();
    /** Set by {@link #close}: a dialog answered from then on (in the stack's grace) is ended at once. */
    private volatile boolean closing;

    private DialogManager(SipStack stack, Duration t1) {
        this.stack = Objects.requireNonNull(stack, "stack");
        // the stack reports the ACK timeout after 64*T1; the margin covers a stack that cannot
        this.ackWait = t1.multipliedBy(96);
        // short enough that the peer retransmits a held request a few times at most
        this.hold = t1.multipliedBy(4);
    }

    /**
     * @param stack the stack
     * @param t1 its T1
     * @return a new layer
     */
    public static DialogLayer create(SipStack stack, Duration t1) {
        return new DialogManager(stack, t1);
    }

    /** @return the dialog ID of RFC 3261 12: Call-ID, local tag, remote tag */
    static String id(String callId, String localTag, String remoteTag) {
        return callId + "|" + localTag + "|" + remoteTag;
    }

    SipStack stack() {
        return stack;
    }

    void register(SipDialog d) {
        if (live.putIfAbsent(d.id(), d) != null) {
            throw new IllegalStateException("a dialog with this ID already exists: " + d.id());
        }
    }

    void unregister(SipDialog d) {
        live.remove(d.id(), d);
    }

    @Override
    public Dialogs dialogs() {
        return this;
    }

    @Override
    public Optional<Dialog> find(String id) {
        return Optional.ofNullable(live.get(id));
    }

    @Override
    public int count() {
        return live.size();
    }

    /** The dialog a request from the peer belongs to: local tag in To, remote tag in From. */
    private SipDialog of(SipMessage m) {
        return live.get(id(m.callId(), m.to().tag().orElse(""), m.from().tag().orElse("")));
    }

    @Override
    public boolean handle(IncomingTransaction transaction, Request request, Response response) {
        return serve(transaction, request, response, false);
    }

    @Override
    public boolean handleAtOnce(IncomingTransaction transaction, Request request, Response response) {
        return serve(transaction, request, response, true);
    }

    /** @param atOnce whether this is a transport's reader: only what needs no waiting and no application code */
    private boolean serve(IncomingTransaction transaction, Request request, Response response, boolean atOnce) {
        SipRequest m = request.message();
        SipDialog d;
        try {
            if (m.to().tag().isEmpty()) {
                return false;
            }
            d = of(m);
        } catch (SipParseException e) {
            return false; // the App's chain answers 400
        }
        if (d == null) {
            if (SUBSCRIPTION_METHODS.contains(m.method())) {
                // RFC 6665 4.1.2, 4.2.1: a subscription's own dialog, which this layer does not
                // keep; the App's routes take it (and answer 481 when none does)
                return false;
            }
            LOG.debug("{} for no known dialog: 481; Call-ID {}", m.method(), m.header("Call-ID").orElse("?"));
            try {
                response.send(481, "Call/Transaction Does Not Exist");
            } catch (IllegalStateException e) {
                LOG.debug("could not send 481: {}", e.getMessage());
            }
            return true;
        }
        if (atOnce) {
            if (DialogServer.serveAtOnce(d, request, response)) {
                return true;
            }
            // a thread of its own serves it: its place in the dialog's order is taken here, on
            // the reader, in the order the requests arrived
            d.arrivals.arrived(transaction);
            return false;
        }
        DialogServer.serve(d, request, response, hold, d.arrivals.claim(transaction));
        return true;
    }

    @Override
    public void onAck(SipRequest ack, Source source) {
        SipDialog d = of(ack);
        if (d != null) {
            d.acked(ack);
        } else {
            LOG.debug("ACK for no known dialog; Call-ID {}", ack.header("Call-ID").orElse("?"));
        }
    }

    @Override
    public void onAckTimeout(SipResponse response, Source source) {
        // our 2xx: our tag is in its To, the peer's in its From, as in a request from the peer
        SipDialog d = of(response);
        if (d != null) {
            d.ackTimedOut(response);
        }
    }

    @Override
    public Dialog answer(SipRequest invite, SipResponse answer, Runnable send) {
        CompletableFuture<Dialog> acked = new CompletableFuture<>();
        Answered a = answered(invite, answer, send, acked);
        try {
            return acked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ACK; Call-ID " + a.dialog().callId(), e);
        } catch (ExecutionException e) {
            throw rethrow(e);
        } finally {
            a.backstop().cancel();
        }
    }

    @Override
    public Dialog answerWithoutWaiting(SipRequest invite, SipResponse answer, Runnable send) {
        CompletableFuture<Dialog> acked = new CompletableFuture<>();
        Answered a = answered(invite, answer, send, acked);
        acked.whenComplete((dialog, failure) -> a.backstop().cancel());
        return a.dialog();
    }

    /** A UAS dialog whose 2xx went out, and the backstop that ends it if no ACK is reported. */
    private record Answered(SipDialog dialog, SipStack.Scheduled backstop) {
    }

    /** Makes and registers the UAS dialog, sends the 2xx, and starts waiting for its ACK. */
    private Answered answered(SipRequest invite, SipResponse answer, Runnable send, CompletableFuture<Dialog> acked) {
        SipDialog d = uas(invite, answer);
        register(d);
        d.expectAck(invite.cseq().sequence(), acked);
        try {
            send.run();
        } catch (RuntimeException e) {
            d.refused();
            throw e;
        }
        d.answered();
        if (closing) {
            // answered by a handler the App's close let finish: no one is left to end the call
            // (hangUp waits for the ACK before its BYE, RFC 3261 15)
            Thread.ofVirtual().name("drachtio-close-bye").start(() -> d.hangUp(DialogEnd.Reason.APP_CLOSED, Parts.NONE));
        }
        // the stack reports a missing ACK after 64*T1 (onAckTimeout); the backstop on its timer
        // covers one that does not, without a timed park (and a wake of the JDK's delay
        // scheduler thread) for every call
        SipStack.Scheduled backstop = stack.schedule(ackWait,
                () -> Thread.ofVirtual().name("drachtio-ack-backstop").start(() -> d.ackTimedOut(answer)));
        return new Answered(d, backstop);
    }

    private static RuntimeException rethrow(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException(e.getCause());
    }

    @Override
    public void release(Dialog dialog) {
        if (dialog instanceof SipDialog d) {
            d.release();
        }
    }

    @Override
    public PendingCall call(SipRequest invite, Consumer<SipResponse> provisional, Duration timeout) {
        return new UacCall(this, invite, provisional, timeout, null).start();
    }

    @Override
    public PendingCall call(SipRequest invite, Consumer<SipResponse> provisional, Duration timeout,
                            Challenges challenges) {
        return new UacCall(this, invite, provisional, timeout, Objects.requireNonNull(challenges, "challenges"))
                .start();
    }

    @Override
    public void close(Duration grace) {
        closing = true;
        List<SipDialog> all = new ArrayList<>(live.values());
        if (all.isEmpty()) {
            return;
        }
        LOG.info("ending {} dialogs with BYE", all.size());
        List<Thread> byes = new ArrayList<>(all.size());
        for (SipDialog d : all) {
            byes.add(Thread.ofVirtual().name("drachtio-close-bye")
                    .start(() -> d.hangUp(DialogEnd.Reason.APP_CLOSED, Parts.NONE)));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Thread t : byes) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    LOG.info("not every BYE was answered within the grace of {}", grace);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how long the layer waits for the ACK of a 2xx before it takes the call as lost (96*T1) */
    Duration ackWait() {
        return ackWait;
    }

    /** The UAS side of RFC 3261 12.1.1: the dialog our 2xx to the INVITE makes. */
    SipDialog uas(SipRequest invite, SipResponse answer) {
        Uri target = invite.contacts().stream().findFirst().flatMap(c -> c.uri()).orElse(invite.from().uri());
        SipDialog d = new SipDialog(this, Dialog.Role.UAS, answer.to(), invite.from(), invite.callId(),
                invite.recordRoutes(), target, answer.header("Contact").orElse(null), 0,
                invite.cseq().sequence(), State.EARLY);
        sdpOf(answer).ifPresent(d::localSdp);
        sdpOf(invite).ifPresent(d::remoteSdp);
        return d;
    }

    /** The UAC side of RFC 3261 12.1.2: the dialog a 2xx to our INVITE makes. */
    SipDialog uac(SipRequest invite, SipResponse ok) {
        Uri target = ok.contacts().stream().findFirst().flatMap(c -> c.uri()).orElse(invite.uri());
        List<Address> routes = new ArrayList<>(ok.recordRoutes());
        java.util.Collections.reverse(routes);
        SipDialog d = new SipDialog(this, Dialog.Role.UAC, invite.from(), ok.to(), invite.callId(), routes, target,
                invite.header("Contact").orElse(null), invite.cseq().sequence(), -1, State.CONFIRMED);
        sdpOf(invite).ifPresent(d::localSdp);
        sdpOf(ok).ifPresent(d::remoteSdp);
        d.release(); // no code of the app answers a UAC dialog: nothing to wait for
        return d;
    }

    /** @return the SDP a message carries; none when its body is not SDP or is content-coded (gzip ...) */
    static Optional<String> sdpOf(SipMessage m) {
        if (m.bodyLength() == 0 || encoded(m)) {
            return Optional.empty();
        }
        return m.contentType().filter(t -> InDialogRequests.isSdp(t.toString())).map(t -> m.bodyText());
    }

    /** @return whether the body has a Content-Encoding other than identity, which this layer cannot undo */
    static boolean encoded(SipMessage m) {
        for (String value : m.headers().all("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String c = coding.strip();
                if (!c.isEmpty() && !c.equalsIgnoreCase("identity")) {
                    return true;
                }
            }
        }
        return false;
    }
}
