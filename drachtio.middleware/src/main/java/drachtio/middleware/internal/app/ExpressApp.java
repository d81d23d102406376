package drachtio.middleware.internal.app;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.Dialogs;
import drachtio.api.ErrorMiddleware;
import drachtio.api.Handler;
import drachtio.api.Listen;
import drachtio.api.Middleware;
import drachtio.api.Parts;
import drachtio.api.Uac;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.MiddlewareProvider;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.api.spi.StackConfig;
import drachtio.api.spi.StackHandler;
import drachtio.dialog.DialogLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bundled {@link App}: an express-style chain over a {@link SipStack}. */
final class ExpressApp implements App {
    private static final Logger LOG = LoggerFactory.getLogger(ExpressApp.class);
    /** The registry before {@link #listen}: no dialogs yet. */
    private static final Dialogs NO_DIALOGS = new Dialogs() {
        @Override
        public Optional<Dialog> find(String id) {
            return Optional.empty();
        }

        @Override
        public int count() {
            return 0;
        }
    };

    private final StackConfig config;
    private final Function<StackConfig, SipStack> stackFactory;
    private final MiddlewareProviders providers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<IncomingTransaction, IncomingRequest> pendingInvites = new ConcurrentHashMap<>();
    /** The INVITEs in the chain by Call-ID, for a BYE in their early dialog (the first of a Call-ID only). */
    private final Map<String, Early> earlyByCallId = new ConcurrentHashMap<>();
    /** Re-INVITEs the dialog layer is serving, by Call-ID: a BYE that ends one with 487 tells its handler. */
    private final Map<String, Early> reInvitesByCallId = new ConcurrentHashMap<>();

    /** An INVITE in the chain whose early dialog (a provisional with a To tag) a BYE may end. */
    private record Early(IncomingRequest req, ServerResponse res) {
    }
    private final Extensions extensions = new Extensions();
    private volatile Chain.Snapshot chain = new Chain.Snapshot(List.of(), List.of());
    private volatile SipStack stack;
    private volatile DialogLayer dialogLayer;
    private volatile List<Listen> bound = List.of();
    private boolean closed;

    /**
     * @param config the stack's settings
     * @param stackFactory makes the stack when {@link #listen} is called
     * @param providers the middleware providers found; the global ones are installed now
     */
    ExpressApp(StackConfig config, Function<StackConfig, SipStack> stackFactory, MiddlewareProviders providers) {
        this.config = Objects.requireNonNull(config, "config");
        this.stackFactory = Objects.requireNonNull(stackFactory, "stackFactory");
        this.providers = providers.checked();
        for (MiddlewareProvider p : this.providers.global()) {
            LOG.debug("installing global middleware {} (weight {})", p.name(), p.weight());
            use(p.create(Map.of()));
        }
    }

    @Override
    public App use(Middleware middleware) {
        return add(new Layer.Use(null, Objects.requireNonNull(middleware, "middleware")));
    }

    @Override
    public App use(Method method, Middleware middleware) {
        return add(new Layer.Use(Objects.requireNonNull(method, "method"), Objects.requireNonNull(middleware, "middleware")));
    }

    @Override
    public App use(String name, Map<String, String> settings) {
        MiddlewareProvider p = providers.named(name).orElseThrow(() -> new IllegalArgumentException(
                "no middleware provider named " + name + "; found: "
                        + providers.providers().stream().map(MiddlewareProvider::name).toList()));
        return use(p.create(Map.copyOf(settings)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Throwable> App error(Class<E> type, ErrorMiddleware<E> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return add(new Layer.OnError(null, type, (ErrorMiddleware<Throwable>) handler));
    }

    @Override
    public App supports(String... optionTags) {
        extensions.add(optionTags);
        return this;
    }

    @Override
    public App route(Method method, Handler handler) {
        Objects.requireNonNull(method, "method");
        if (method.equals(Method.ACK) || method.equals(Method.CANCEL)) {
            throw new IllegalArgumentException(method + " is handled by the stack, not routed");
        }
        return add(new Layer.Route(method, Objects.requireNonNull(handler, "handler")));
    }

    private App add(Layer layer) {
        lock.lock();
        try {
            List<Layer> layers = new ArrayList<>(chain.layers());
            layers.add(layer);
            List<Method> routed = new ArrayList<>(chain.routed());
            if (layer instanceof Layer.Route r && !routed.contains(r.method())) {
                routed.add(r.method());
            }
            chain = new Chain.Snapshot(List.copyOf(layers), List.copyOf(routed));
            return this;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Listen> listen(Listen... addresses) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the app is closed");
            }
            if (stack != null) {
                throw new IllegalStateException("already listening on " + bound);
            }
            List<Listen> all = new ArrayList<>(config.listen());
            all.addAll(List.of(addresses));
            if (all.isEmpty()) {
                throw new IllegalArgumentException("nothing to listen on");
            }
            StackConfig withAddresses = new StackConfig(all, config.t1(), config.t2(), config.t4(),
                    config.maxMessageSize(), config.maxInFlightRequests(), config.shutdownGrace());
            SipStack s = stackFactory.apply(withAddresses);
            dialogLayer = DialogLayer.create(s, withAddresses.t1());
            bound = List.copyOf(s.start(new Dispatcher()));
            stack = s;
            LOG.info("app listening on {}", bound);
            return bound;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Listen> listening() {
        return bound;
    }

    @Override
    public Uac uac() {
        SipStack s = stack;
        if (s == null) {
            throw new IllegalStateException("call listen(...) before uac() (port 0 is fine for a client)");
        }
        return ClientSide.of(s, dialogLayer, bound);
    }

    @Override
    public Dialogs dialogs() {
        DialogLayer layer = dialogLayer;
        return layer != null ? layer.dialogs() : NO_DIALOGS;
    }

    @Override
    public void close() {
        SipStack s;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            s = stack;
        } finally {
            lock.unlock();
        }
        DialogLayer layer = dialogLayer;
        if (layer != null) {
            layer.close(config.shutdownGrace());
        }
        if (s != null) {
            s.close();
        }
        LOG.info("app closed");
    }

    /** @return how many INVITEs are being handled and could still be cancelled (for tests) */
    int pendingInvites() {
        return pendingInvites.size();
    }

    /** Runs one transaction through the chain on the calling thread (the stack's virtual thread). */
    void handle(IncomingTransaction txn) {
        SipRequest message = txn.request();
        IncomingRequest req = new IncomingRequest(message, txn.source());
        DialogLayer layer = dialogLayer;
        ServerResponse res = new ServerResponse(req, txn, layer, this::listening);
        if (refusedByTheCore(req, res) || endsEarlyDialog(req, res)) {
            return;
        }
        boolean invite = message.is(Method.INVITE);
        if (layer != null && servedByDialog(layer, txn, req, res, invite)) {
            return;
        }
        Early early = null;
        if (invite) {
            pendingInvites.put(txn, req);
            early = new Early(req, res);
            Early before = earlyByCallId.putIfAbsent(req.callId(), early);
            // one INVITE per Call-ID is enough; a retry of the same call (after a 401 or 407,
            // whose handler may still be running) replaces one that has its final response
            if (before != null && !(before.res().finalSent() && earlyByCallId.replace(req.callId(), before, early))) {
                early = null;
            }
        }
        try {
            new Chain(chain, req, res).run();
        } finally {
            res.handlerReturned();
            if (invite) {
                pendingInvites.remove(txn);
                if (early != null) {
                    earlyByCallId.remove(req.callId(), early);
                }
            }
        }
    }

    /**
     * Gives a request to the dialog layer; a re-INVITE is meanwhile known as pending, so that a
     * CANCEL of it (answered 487 by the stack) reaches its handler's {@code req.onCancel}.
     *
     * @return whether the dialog layer served it
     */
    private boolean servedByDialog(DialogLayer layer, IncomingTransaction txn, IncomingRequest req,
                                   ServerResponse res, boolean invite) {
        Early served = null;
        String callId = null;
        if (invite) {
            pendingInvites.put(txn, req);
            callId = Dispatcher.withToTag(req.message()) ? callIdOf(req) : null;
            if (callId != null) {
                // the first re-INVITE of a call only: a second one meanwhile is glare and gets 500
                Early mine = new Early(req, res);
                if (reInvitesByCallId.putIfAbsent(callId, mine) == null) {
                    served = mine;
                }
            }
        }
        // an INVITE the layer does not take stays pending for the chain, without a gap a CANCEL could fall in
        boolean toChain = false;
        try {
            toChain = !layer.handle(txn, req, res);
            if (!toChain && req.message().is(Method.BYE)) {
                tellReInviteEndedBy(req);
            }
            return !toChain;
        } finally {
            if (invite && !toChain) {
                pendingInvites.remove(txn);
            }
            if (served != null) {
                reInvitesByCallId.remove(callId, served);
            }
        }
    }

    /**
     * A BYE the dialog layer served while the peer's re-INVITE was still in its handler answers
     * that re-INVITE 487 (RFC 3261 15.1.2); its handler hears of it as of a CANCEL.
     */
    private void tellReInviteEndedBy(IncomingRequest bye) {
        String callId = callIdOf(bye);
        Early e = callId == null ? null : reInvitesByCallId.get(callId);
        if (e != null && !e.req().cancelled() && e.res().finalSent() && e.res().status() == 487) {
            e.req().cancelled(bye.message());
        }
    }

    /** @return the request's Call-ID, or null when it has none that parses */
    private static String callIdOf(IncomingRequest req) {
        try {
            return req.callId();
        } catch (SipParseException e) {
            return null;
        }
    }

    /** @return whether the Request-URI has a scheme an App serves: sip, sips or tel (RFC 3261 8.2.2.1) */
    private static boolean servedScheme(SipRequest message) {
        return message.uri() instanceof SipUri || message.uri() instanceof TelUri;
    }

    /**
     * What the UAS core refuses before any middleware: a Request-URI of another scheme gets 416
     * (RFC 3261 8.2.2.1), a request that requires an extension this App has not declared with
     * {@link #supports} gets 420 with the tags in Unsupported (8.2.2.3).
     *
     * @return whether it was refused
     */
    private boolean refusedByTheCore(IncomingRequest req, ServerResponse res) {
        if (!servedScheme(req.message())) {
            LOG.info("{} for a {} URI: 416; Call-ID {}", req.method(), req.message().uri().scheme(), req.callIdForLog());
            res.trySend(416, null, Parts.NONE);
            return true;
        }
        List<String> missing;
        try {
            missing = extensions.unsupported(req.message());
        } catch (SipParseException e) {
            return false; // the chain answers 400
        }
        if (missing.isEmpty()) {
            return false;
        }
        LOG.info("{} requires {}, which this application does not support: 420; Call-ID {}", req.method(), missing,
                req.callIdForLog());
        res.trySend(420, null, Parts.header("Unsupported", String.join(", ", missing)));
        return true;
    }

    /**
     * A BYE in the early dialog of an INVITE still in the chain (RFC 3261 15, 15.1.2): the caller
     * may hang up after a provisional with our To tag and before any final response. The BYE gets
     * 200, the INVITE 487, and the request is marked cancelled for its handler.
     *
     * @return whether the request was such a BYE and was answered
     */
    private boolean endsEarlyDialog(IncomingRequest req, ServerResponse res) {
        SipRequest message = req.message();
        if (!message.is(Method.BYE) || earlyByCallId.isEmpty()) {
            return false;
        }
        try {
            Early e = earlyByCallId.get(req.callId());
            if (e == null || e.res().finalSent()
                    || !e.res().toTag().equals(message.to().tag())
                    || !e.req().from().tag().equals(message.from().tag())) {
                return false;
            }
            // the 487 first: when the handler's own final got there before it, the BYE belongs
            // to the dialog that final made and goes on to the dialog layer
            try {
                e.res().send(487, "Request Terminated", Parts.NONE);
            } catch (IllegalStateException raced) {
                return false;
            } catch (RuntimeException failed) {
                LOG.debug("could not send 487 to an INVITE ended by a BYE: {}; Call-ID {}", failed.toString(),
                        req.callIdForLog());
            }
            res.trySend(200, null, Parts.NONE);
            e.req().cancelled(message);
            LOG.info("BYE in the early dialog of an INVITE: 200, and 487 to the INVITE; Call-ID {}", req.callIdForLog());
            return true;
        } catch (SipParseException e) {
            return false;
        }
    }

    /** What the stack calls: requests into the chain, CANCELs to their request. */
    private final class Dispatcher implements StackHandler {
        @Override
        public void onRequest(IncomingTransaction transaction) {
            handle(transaction);
        }

        @Override
        public boolean answerAtOnce(IncomingTransaction transaction) {
            DialogLayer layer = dialogLayer;
            SipRequest message = transaction.request();
            if (message.headers().contains("Require") || !servedScheme(message)) {
                IncomingRequest req = new IncomingRequest(message, transaction.source());
                if (refusedByTheCore(req, new ServerResponse(req, transaction, layer, ExpressApp.this::listening))) {
                    return true;
                }
            }
            if (withToTag(message)) {
                if (layer == null) {
                    return false;
                }
                IncomingRequest req = new IncomingRequest(message, transaction.source());
                ServerResponse res = new ServerResponse(req, transaction, layer, ExpressApp.this::listening);
                return endsEarlyDialog(req, res) || layer.handleAtOnce(transaction, req, res);
            }
            AtOnce first = chain.atOnce(message.method());
            if (first == null) {
                return false;
            }
            IncomingRequest req = new IncomingRequest(message, transaction.source());
            ServerResponse res = new ServerResponse(req, transaction, layer, ExpressApp.this::listening);
            try {
                return first.answerAtOnce(req, res);
            } catch (RuntimeException e) {
                if (res.finalSent()) {
                    LOG.warn("middleware failed after answering at once; Call-ID {}", req.callIdForLog(), e);
                    return true;
                }
                // nothing sent: the chain runs on a virtual thread and meets the failure there
                LOG.debug("middleware could not answer at once; Call-ID {}", req.callIdForLog(), e);
                return false;
            }
        }

        private static boolean withToTag(SipRequest message) {
            try {
                return message.to().tag().isPresent();
            } catch (SipParseException e) {
                return false;
            }
        }

        @Override
        public void onCancel(IncomingTransaction invite, SipRequest cancel) {
            IncomingRequest req = pendingInvites.get(invite);
            if (req != null) {
                req.cancelled(cancel);
            } else {
                LOG.debug("CANCEL for an INVITE no longer in the app; Call-ID {}", cancel.header("Call-ID").orElse("?"));
            }
        }

        @Override
        public void onAck(SipRequest ack, Source source) {
            DialogLayer layer = dialogLayer;
            if (layer != null) {
                layer.onAck(ack, source);
            }
        }

        @Override
        public void onAckTimeout(SipResponse response, Source source) {
            LOG.info("no ACK for a 2xx within 64*T1; Call-ID {}", response.header("Call-ID").orElse("?"));
            DialogLayer layer = dialogLayer;
            if (layer != null) {
                layer.onAckTimeout(response, source);
            }
        }
    }
}
