package drachtio.transport.internal.stack;

import drachtio.api.Listen;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.api.spi.StackConfig;
import drachtio.api.spi.StackHandler;
import drachtio.parser.ParserLimits;
import drachtio.transport.ListenPoint;
import drachtio.transport.SipTimers;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.NewRequestGate;
import drachtio.transport.internal.WheelTimerService;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetworkTransport;
import drachtio.transport.internal.transaction.ClientListener;
import drachtio.transport.internal.transaction.ClientTransaction;
import drachtio.transport.internal.transaction.FinalResponse;
import drachtio.transport.internal.transaction.Ids;
import drachtio.transport.internal.transaction.ServerTransaction;
import drachtio.transport.internal.transaction.TransactionLayer;
import drachtio.transport.internal.transaction.TransactionUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack: {@link NetworkTransport} below, {@link TransactionLayer} on top, and
 * the hand-off to the application: each new request on a virtual thread of its own, as many
 * at a time as {@link Admission} lets in (the budget is {@link StackConfig#maxInFlightRequests()}
 * for new requests and as much again for requests inside dialogs); the rest are answered 503
 * with Retry-After.
 */
final class EmbeddedStack implements SipStack {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final int RETRY_AFTER_SECONDS = 5;
    /** Room for our Via when judging a request's size against the MTU rule (RFC 3261 18.1.1). */
    private static final int VIA_ALLOWANCE = 120;

    private final StackConfig config;
    private final ReentrantLock lifecycle = new ReentrantLock();
    /** The executor delay above which new requests are cut back: a request waiting about T1 is retransmitted. */
    private static final Duration MIN_LAG_LIMIT = Duration.ofMillis(100);

    /** Where the kernel does not tell: the busy share of a UDP reader from which new requests are cut back. */
    private static final double READER_SATURATED = 0.95;

    private final Admission admission;
    /** Client transactions still waiting for their final response. */
    private final AtomicInteger awaitingFinal = new AtomicInteger();
    /** Set once the network and timers are closed: nothing at all is sent from then on. */
    private volatile boolean shutDown;
    /** Our requests still without a final response: {@link #close} cancels the INVITEs, then answers what is left. */
    private final Set<Awaiting> awaiting = ConcurrentHashMap.newKeySet();
    private volatile NetworkTransport net;
    private volatile TransactionLayer layer;
    private volatile StackHandler handler;
    private volatile boolean closing;
    private volatile WheelTimerService timers;
    private ExecutorService app;

    EmbeddedStack(StackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        Duration halfT1 = config.t1().dividedBy(2);
        this.admission = new Admission(config.maxInFlightRequests(),
                (halfT1.compareTo(MIN_LAG_LIMIT) > 0 ? halfT1 : MIN_LAG_LIMIT).toNanos(), System::nanoTime,
                this::readerSaturated);
    }

    @Override
    public List<Listen> start(StackHandler stackHandler) {
        lifecycle.lock();
        try {
            if (handler != null) {
                throw new IllegalStateException("stack already started");
            }
            handler = Objects.requireNonNull(stackHandler, "handler");
            // one fixed name: a numbered one costs a string per request on the thread that dispatches
            app = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sip-app").factory());
            timers = WheelTimerService.start("sip-timers");
            TransportConfig.Builder tc = TransportConfig.builder()
                    .parserLimits(ParserLimits.builder().maxMessageSize(config.maxMessageSize()).build());
            Integer workers = Integer.getInteger("drachtio.udpWorkers");
            if (workers != null && workers >= 0) {
                tc.udpWorkers(workers); // a tuning knob (docs/TRANSPORT.md); anything else is ignored
            }
            for (Listen l : config.listen()) {
                tc.listen(l.transport().equals("UDP") ? ListenPoint.udp(l.host(), l.port())
                        : ListenPoint.tcp(l.host(), l.port()));
            }
            net = NetworkTransport.start(tc.build(), (message, from) -> {
                TransactionLayer l = layer;
                if (l != null) {
                    l.onMessage(message, from);
                }
            }, new NewRequestGate() {
                @Override
                public boolean letsAllIn() {
                    return admission.letsAllIn();
                }

                @Override
                public boolean admit() {
                    return admission.admitNew();
                }
            });
            SipTimers sip = new SipTimers(config.t1(), config.t2(), config.t4(), SipTimers.rfc3261().trying());
            layer = TransactionLayer.create(net, timers, sip, new User(), TransactionLayer.Limits.defaults());
            LOG.info("embedded SIP stack listening on {}", listening());
            return listening();
        } catch (RuntimeException e) {
            shutdown();
            if (e instanceof TransportException t && t.getCause() instanceof IOException io) {
                // the SPI's promise for a listener that cannot bind (a port in use, an address not ours)
                throw new UncheckedIOException(t.getMessage(), io);
            }
            throw e;
        } finally {
            lifecycle.unlock();
        }
    }

    @Override
    public List<Listen> listening() {
        NetworkTransport n = net;
        if (n == null) {
            return List.of();
        }
        return n.listenPoints().stream()
                .map(p -> new Listen(p.protocol().viaName(), p.host(), p.port()))
                .toList();
    }

    @Override
    public OutgoingTransaction send(SipRequest request, ResponseHandler responses) {
        if (request.method().name().equals("ACK")) {
            throw new IllegalArgumentException("send an ACK with sendAck");
        }
        Objects.requireNonNull(responses, "responses");
        TransactionLayer l = running(request);
        Hop hop;
        try {
            Hop planned = Routing.nextHop(request);
            hop = net.connectOrStayOnUdp(net.chooseHop(planned, request.toBytes().length + VIA_ALLOWANCE), planned);
        } catch (TransportException e) {
            // a target that does not resolve, or a transport we lack: a transport failure before
            // any transaction, reported as the stack's 503 like one inside it (RFC 3261 8.1.3.1)
            LOG.debug("{} to {} not sent: {}", request.method(), request.uri(), e.getMessage());
            String why = String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", " ");
            responses.onFinal(SipResponse.replyTo(request, 503).reason("Service Unavailable: " + why).build(),
                    Outcome.TRANSPORT_ERROR);
            return OutgoingTransaction.answered(request);
        }
        SipRequest stamped = stamp(request, hop);
        Awaiting waiting = new Awaiting(stamped, responses);
        ClientTransaction txn;
        try {
            txn = l.sendRequest(stamped, hop, new ClientListener() {
                @Override
                public void onProvisional(SipResponse response) {
                    responses.onProvisional(response);
                }

                @Override
                public void onFinal(FinalResponse result) {
                    if (waiting.finish()) {
                        responses.onFinal(result.response(), switch (result.cause()) {
                            case RECEIVED -> Outcome.RECEIVED;
                            case TIMEOUT -> Outcome.TIMEOUT;
                            case TRANSPORT_ERROR -> Outcome.TRANSPORT_ERROR;
                        });
                    }
                }

                @Override
                public void onAdditional2xx(SipResponse response) {
                    responses.onAdditional2xx(response);
                }
            });
        } catch (RuntimeException e) {
            waiting.finish();
            throw e;
        }
        waiting.txn = txn;
        return new OutgoingTransaction() {
            @Override
            public SipRequest request() {
                return stamped;
            }

            @Override
            public boolean cancel() {
                return txn.cancel();
            }
        };
    }

    @Override
    public void sendAck(SipRequest ack) {
        TransactionLayer l = running(ack);
        Hop planned = Routing.nextHop(ack);
        // 18.1.1 as for any request: a late offer's answer can make the ACK larger than UDP allows
        Hop hop = net.connectOrStayOnUdp(net.chooseHop(planned, ack.toBytes().length + VIA_ALLOWANCE), planned);
        l.sendAck(stamp(ack, hop), hop);
    }

    /**
     * On the timing wheel that runs the transactions' timers: scheduling and cancelling cost a
     * push on a lock-free stack and wake no thread. Before start and after close, the SPI's
     * shared timer.
     */
    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        WheelTimerService t = timers;
        if (t == null || closing) {
            return SipStack.super.schedule(delay, task);
        }
        return t.schedule(delay, task)::cancel;
    }

    /** Puts our Via (fresh branch, rport) on top and Max-Forwards 70 when absent (RFC 3261 8.1.1). */
    private SipRequest stamp(SipRequest request, Hop hop) {
        SipRequest.Builder b = request.toBuilder().headerFirst("Via", net.via(hop, Ids.branch()));
        if (!request.headers().contains("Max-Forwards")) {
            b.header("Max-Forwards", 70);
        }
        return b.build();
    }

    /**
     * @param request what is to be sent
     * @return the layer to send it with
     * @throws IllegalStateException when the stack is not running: before start, after close,
     *     and during close's grace for anything but a request within a dialog (a BYE ending a
     *     call the grace let its handler answer) and an ACK
     */
    private TransactionLayer running(SipRequest request) {
        TransactionLayer l = layer;
        if (l == null || shutDown || closing && !withinDialog(request)) {
            throw new IllegalStateException("the SIP stack is not running");
        }
        return l;
    }

    /** @return whether the request carries a To tag; a To that does not parse counts as none */
    private static boolean withinDialog(SipRequest request) {
        try {
            return request.to().tag().isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closing || handler == null) {
                closing = true;
                return;
            }
            closing = true;
            // an INVITE of ours still ringing could only make a call nobody is left to take: it is
            // cancelled (RFC 3261 9.1: once a provisional came), and its 487 counts as its answer
            for (Awaiting a : awaiting) {
                ClientTransaction t = a.txn;
                if (t != null && a.request.is(Method.INVITE)) {
                    t.cancel();
                }
            }
            // graceful: requests in the app's hands get their answer, requests we sent get theirs,
            // 2xx responses get their ACK; transactions that only wait out timers J, K, L do not count
            long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
            while (unfinished() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(Duration.ofMillis(20));
            }
            if (unfinished() > 0) {
                LOG.warn("closing with work unfinished after the grace period: {} requests in the app, {} awaiting "
                        + "a final response, {} 2xx awaiting ACK", admission.busy(),
                        awaitingFinal.get(), layer == null ? 0 : layer.pendingAcks());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
            lifecycle.unlock();
        }
    }

    /** @return app requests not yet done, client requests without a final, and 2xx without ACK */
    private int unfinished() {
        return admission.busy() + awaitingFinal.get() + (layer == null ? 0 : layer.pendingAcks());
    }

    private void shutdown() {
        closing = true;
        shutDown = true;
        // past the grace, a request of ours still unanswered gets the stack's own 503, so that
        // nobody waits for an answer that can no longer arrive
        for (Awaiting a : awaiting) {
            if (a.finish()) {
                try {
                    a.responses.onFinal(SipResponse.replyTo(a.request, 503).reason("Service Unavailable: stack closed")
                            .build(), Outcome.TRANSPORT_ERROR);
                } catch (RuntimeException e) {
                    LOG.warn("a response handler failed on the stack's close", e);
                }
            }
        }
        if (net != null) {
            net.close();
        }
        if (timers != null) {
            timers.close();
        }
        if (app != null) {
            app.shutdownNow();
        }
    }

    /** A request of ours until its final response, which reaches its handler once. */
    private final class Awaiting {
        final SipRequest request;
        final ResponseHandler responses;
        /** Set once the transaction exists; a final may come before. */
        volatile ClientTransaction txn;
        private final AtomicBoolean finished = new AtomicBoolean();

        Awaiting(SipRequest request, ResponseHandler responses) {
            this.request = request;
            this.responses = responses;
            awaitingFinal.incrementAndGet();
            awaiting.add(this);
        }

        /** @return whether this call ended the wait, so its caller delivers the one final */
        boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            awaiting.remove(this);
            awaitingFinal.decrementAndGet();
            return true;
        }
    }

    /** @return the transaction layer, for tests and metrics; null before start */
    TransactionLayer layer() {
        return layer;
    }

    /** @return the transport, for tests and metrics; null before start */
    NetworkTransport net() {
        return net;
    }

    private static Source source(Hop hop) {
        return new Source(hop.transport(), hop.remote(), hop.local());
    }

    /** @return whether a UDP reader is behind: its kernel queue near full or filling (else: the reader nearly always busy) */
    private boolean readerSaturated() {
        NetworkTransport n = net;
        return n != null && n.udpBehind(READER_SATURATED);
    }

    /** Runs the task on a virtual thread of its own, telling {@link Admission} how long it waited to start. */
    private void dispatch(String what, Runnable task) {
        long queued = System.nanoTime();
        admission.handedOver(queued);
        try {
            app.execute(() -> {
                admission.started(System.nanoTime() - queued);
                task.run();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            admission.notStarted();
            LOG.debug("{} dropped: the stack is closing", what);
        }
    }

    /**
     * The transaction user: hands requests, CANCELs, stray responses and ACK timeouts to the
     * application on virtual threads, and ACKs for 2xx on the reader that received them.
     */
    private final class User implements TransactionUser {
        @Override
        public void onRequest(ServerTransaction txn) {
            // the transaction lets go of its request after the final response: keep it here
            SipRequest request = txn.request();
            Admission.Ticket ticket = closing ? null : admission.tryAdmit(withinDialog(request));
            if (ticket == null) {
                SipResponse busy = refusal(request, 503).header("Retry-After", RETRY_AFTER_SECONDS).build();
                txn.respond(busy);
                LOG.debug("503 for {} {}: {}", request.method(), txn.branch(), closing ? "closing" : "overloaded");
                return;
            }
            Incoming incoming = new Incoming(txn, request, ticket);
            if (answeredAtOnce(incoming)) {
                ticket.release();
                return;
            }
            if (request.is(Method.INVITE)) {
                // onCancel comes after the stack's 487 let the transaction drop the request;
                // the attachment goes with the first final response (Incoming.respond, onCancel)
                txn.attach(incoming);
            }
            dispatch("request", () -> {
                try {
                    handler.onRequest(incoming);
                } catch (RuntimeException | Error e) {
                    LOG.error("request handler failed for {} Call-ID {}", request.method(),
                            request.header("Call-ID").orElse("?"), e);
                    if (!txn.finalSent()) {
                        incoming.respond(refusal(request, 500).build());
                    }
                } finally {
                    ticket.release();
                }
            });
        }

        /** @return whether the handler answered the request on this thread (a failure answers 500) */
        private boolean answeredAtOnce(Incoming incoming) {
            try {
                return handler.answerAtOnce(incoming);
            } catch (RuntimeException e) {
                SipRequest request = incoming.request();
                LOG.error("request handler failed at once for {} Call-ID {}", request.method(),
                        request.header("Call-ID").orElse("?"), e);
                if (!incoming.finalSent()) {
                    incoming.respond(refusal(request, 500).build());
                }
                return true;
            }
        }

        /** @return a response of the stack's own, with a To tag when the request has none (RFC 3261 8.2.6.2) */
        private static SipResponse.Builder refusal(SipRequest request, int status) {
            SipResponse.Builder b = SipResponse.replyTo(request, status);
            if (request.to().tag().isEmpty()) {
                b.setHeader("To", request.to().withTag(Ids.tag()));
            }
            return b;
        }

        /** @return the SPI view made in onRequest; it holds the request the transaction let go of */
        private Incoming incoming(ServerTransaction txn) {
            return txn.attachment() instanceof Incoming i ? i : new Incoming(txn, txn.request(), null);
        }

        @Override
        public void onCancel(ServerTransaction invite, SipRequest cancel) {
            Incoming incoming = incoming(invite);
            invite.attach(null);
            dispatch("CANCEL", () -> handler.onCancel(incoming, cancel));
        }

        @Override
        public void onAck(SipRequest ack, Hop from) {
            // on the reader: the SPI asks onAck to return quickly, and one ACK per call would
            // otherwise cost a virtual thread and the wake-up of a carrier
            try {
                handler.onAck(ack, source(from));
            } catch (RuntimeException e) {
                LOG.error("ACK handler failed; Call-ID {}", ack.header("Call-ID").orElse("?"), e);
            }
        }

        @Override
        public void onResponse(SipResponse response, Hop from) {
            dispatch("response", () -> handler.onStrayResponse(response, source(from)));
        }

        @Override
        public void onTimeout(ServerTransaction invite) {
            LOG.debug("no ACK for the final response to INVITE {}", invite.branch());
        }

        @Override
        public void onAckTimeout(ServerTransaction invite, SipResponse response) {
            Source from = source(invite.source());
            dispatch("ACK timeout", () -> handler.onAckTimeout(response, from));
        }

        @Override
        public void onAckWaitOver(ServerTransaction invite) {
            // the ACK-wait place of an INVITE answered 2xx, taken in Incoming.respond
            if (invite.attachment() instanceof Admission.Ticket t) {
                t.ackWaitOver();
                invite.attach(null);
            }
        }

        @Override
        public void onTransportError(ServerTransaction txn, TransportException error) {
            LOG.warn("could not answer the request of transaction {}: {}", txn.branch(), error.getMessage());
        }
    }

    /**
     * A server transaction as the SPI shows it, holding the request itself: the transaction
     * lets go of it once the final response is out. The ticket (none for a view made for a
     * late CANCEL) goes back to {@link Admission} with the first final response; a 2xx to an
     * INVITE also counts among the ACK waits until its wait for the ACK is over
     * ({@link User#onAckWaitOver}), so calls whose ACK does not come (a caller that gave up,
     * an overload) hold back new requests instead of piling up unseen, each with its dialog
     * and 2xx retransmissions, for 64*T1.
     */
    private record Incoming(ServerTransaction txn, SipRequest request, Admission.Ticket ticket)
            implements IncomingTransaction {

        @Override
        public Source source() {
            return EmbeddedStack.source(txn.source());
        }

        @Override
        public boolean respond(SipResponse response) {
            boolean invite2xx = ticket != null && response.status() >= 200 && response.status() < 300
                    && request.is(Method.INVITE);
            Object before = null;
            if (invite2xx) {
                before = txn.attachment();
                // hand the ticket to the transaction before the 2xx goes: its ACK may come back
                // (and end the wait) before respond returns
                ticket.awaitAck();
                txn.attach(ticket);
            }
            boolean sent = txn.respond(response);
            if (!sent) {
                if (invite2xx) {
                    ticket.ackWaitOver();
                    txn.attach(before);
                }
            } else if (response.status() >= 200) {
                if (ticket != null) {
                    ticket.release();
                }
                if (!invite2xx) {
                    // our final went out, so no onCancel will need this view: let the waiting
                    // transaction hold no request (when the stack's 487 went first, onCancel detaches)
                    txn.attach(null);
                }
            }
            return sent;
        }

        @Override
        public boolean finalSent() {
            return txn.finalSent();
        }
    }
}
