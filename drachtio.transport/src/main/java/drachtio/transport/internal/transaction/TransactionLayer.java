package drachtio.transport.internal.transaction;

import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.SipTimers;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.InboundHandler;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.TransportSender;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 3261 17 transaction layer: matches inbound messages to transactions (17.1.3,
 * 17.2.3), makes server transactions for new requests and hands them to the
 * {@link TransactionUser}, answers CANCEL (9.2), sheds load with 503 beyond a bound, and runs
 * the UAS and UAC core rules that keep a 2xx and its ACK alive (13.3.1.4, 13.2.2.4).
 *
 * <p>{@link #onMessage} runs on network reader threads and never blocks; timers run on the
 * {@link TimerService}; each transaction serialises its own events.
 */
public final class TransactionLayer implements InboundHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);
    private static final String INVITE = "INVITE";
    /**
     * The methods, besides INVITE, whose server transaction a CANCEL is looked up against (9.2):
     * every well-known one that has a server transaction of its own.
     */
    private static final List<String> CANCELLABLE_OTHERS = List.of("OPTIONS", "BYE", "REGISTER", "SUBSCRIBE",
            "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "PRACK");
    private static final ClientListener CANCEL_LISTENER = new ClientListener() {
        @Override
        public void onProvisional(SipResponse response) {
        }

        @Override
        public void onFinal(FinalResponse result) {
            LOG.debug("CANCEL answered {} ({})", result.response().status(), result.cause());
        }
    };

    /**
     * The layer's limits. A new request is answered 503 without any state when either bound
     * is reached.
     *
     * @param maxServerTransactions how many server transactions may be live
     * @param maxServerBytes what live server transactions may weigh together: 4 KiB for one
     *     that holds its request, and once it only waits out timer J, I or L about 640 bytes
     *     plus the octets of the response it keeps (a few hundred bytes for a 200 to an OPTIONS)
     * @param retryAfterSeconds the Retry-After of those 503s
     */
    public record Limits(int maxServerTransactions, long maxServerBytes, int retryAfterSeconds) {
        /** Checks the values. */
        public Limits {
            if (maxServerTransactions < 0 || maxServerBytes < 0 || retryAfterSeconds < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }

        /**
         * A bound on the count only.
         *
         * @param maxServerTransactions how many server transactions may be live
         * @param retryAfterSeconds the Retry-After of the 503s
         */
        public Limits(int maxServerTransactions, int retryAfterSeconds) {
            this(maxServerTransactions, Long.MAX_VALUE, retryAfterSeconds);
        }

        /**
         * @return bounds that follow the heap: server transactions may weigh half the JVM's
         *     max heap (about 1.4 million waiting OPTIONS transactions with a 2 GB heap), at
         *     most max heap / 512 bytes of them (between 10,000 and 8,000,000), Retry-After 5 s
         */
        public static Limits defaults() {
            long heap = Runtime.getRuntime().maxMemory();
            long count = Math.max(10_000, Math.min(8_000_000, heap / 512));
            return new Limits((int) count, heap / 2, 5);
        }
    }

    private final TransactionUser tu;
    private final Limits limits;
    private final Env env;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<ClientKey, Transaction<?>> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServerKey, Transaction<?>> servers = new ConcurrentHashMap<>();
    /** Live server transactions of requests without a To tag, by {@link Transaction#mergeKey}. */
    private final ConcurrentHashMap<String, Transaction<?>> byMergeKey = new ConcurrentHashMap<>();
    private final UasCore2xxRetransmitter uas2xx;
    private final UacAckCache acks;
    /** Answered UDP server transactions waiting out timer J (non-INVITE) or L (INVITE after a 2xx), as bytes. */
    private final WaitingServers waiting;

    private TransactionLayer(TransportSender sender, TimerService timers, SipTimers sip, TransactionUser tu,
                             Limits limits) {
        this.tu = Objects.requireNonNull(tu, "tu");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.env = new Env(sender, timers, sip, new LayerHooks(), counters);
        this.uas2xx = new UasCore2xxRetransmitter(env, tu);
        this.acks = new UacAckCache(env);
        this.waiting = new WaitingServers(timers, sip.timeout(),
                Math.min(limits.maxServerBytes(), Runtime.getRuntime().maxMemory() / 4),
                // a platform thread: zeroing and faulting in native memory would hold an application carrier
                task -> Thread.ofPlatform().daemon(true).name("sip-slabs").start(task));
    }

    /**
     * @param sender the network below
     * @param timers the timer service
     * @param sip the RFC timer values
     * @param tu the layer above
     * @param limits the limits
     * @return a layer; register it as the network's {@link InboundHandler}
     */
    public static TransactionLayer create(TransportSender sender, TimerService timers, SipTimers sip,
                                          TransactionUser tu, Limits limits) {
        return new TransactionLayer(sender, timers, sip, tu, limits);
    }

    @Override
    public void onMessage(SipMessage message, Hop from) {
        try {
            switch (message) {
                case SipRequest r -> request(r, from);
                case SipResponse r -> response(r, from);
            }
        } catch (SipParseException e) {
            // a Via, CSeq, Call-ID, From or To that does not parse: nothing to match or answer with
            counters.dropped.increment();
            LOG.debug("dropped {} from {}: cannot be matched: {}", message, from.remote(), e.getMessage());
        }
    }

    /**
     * Starts a client transaction. The caller has put the top Via, from
     * {@link TransportSender#via(Hop, String)} with a branch from {@link Ids#branch()}, on the
     * request. The listener may be called before this method returns (a send failing at once).
     *
     * @param request the request, not an ACK
     * @param hop where it goes
     * @param listener who hears the responses
     * @return the transaction
     * @throws IllegalArgumentException for an ACK or a request without a branch
     * @throws IllegalStateException when a transaction with that branch and method exists
     */
    public ClientTransaction sendRequest(SipRequest request, Hop hop, ClientListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (request.is(Method.ACK)) {
            throw new IllegalArgumentException("an ACK is not a transaction: use sendAck");
        }
        String branch = request.topVia().branch()
                .orElseThrow(() -> new IllegalArgumentException("the top Via has no branch"));
        ClientKey key = new ClientKey(branch, request.method().name());
        boolean invite = request.is(Method.INVITE);
        Transaction<?> txn = invite
                ? new InviteClientTransaction(env, request, hop, key, branch, listener)
                : new NonInviteClientTransaction(env, request, hop, key, branch, listener);
        if (clients.putIfAbsent(key, txn) != null) {
            throw new IllegalStateException("a client transaction exists for " + key);
        }
        (invite ? counters.inviteClient : counters.nonInviteClient).incrementAndGet();
        switch (txn) {
            case InviteClientTransaction t -> t.fire(new InviteClientTransaction.Start());
            case NonInviteClientTransaction t -> t.fire(new NonInviteClientTransaction.Start());
            default -> throw new AssertionError(txn);
        }
        return (ClientTransaction) txn;
    }

    /**
     * Sends the ACK for a 2xx (it belongs to no transaction) and keeps it for 64*T1 so that a
     * retransmitted 2xx is answered with it again (RFC 3261 13.2.2.4).
     *
     * @param ack the ACK, with a new branch on its top Via
     * @param hop where it goes
     * @throws TransportException when it cannot be sent now
     */
    public void sendAck(SipRequest ack, Hop hop) {
        if (!ack.is(Method.ACK)) {
            throw new IllegalArgumentException("not an ACK: " + ack.method());
        }
        acks.send(ack, hop);
    }

    /** @return the counters now */
    public TransactionStats stats() {
        return counters.snapshot();
    }

    /** @return how many transactions are live, client and server */
    public int live() {
        return clients.size() + servers.size() + waiting.size();
    }

    /** @return what the live server transactions weigh against {@link Limits#maxServerBytes()} */
    public long serverBytes() {
        return counters.serverBytes.get();
    }

    /** @return how many 2xx responses the UAS core retransmits while it waits for their ACK */
    public int pendingAcks() {
        return uas2xx.size();
    }

    /** @return how many sent ACKs the UAC core keeps for retransmitted 2xx responses */
    public int cachedAcks() {
        return acks.size();
    }

    private void request(SipRequest r, Hop from) {
        String toTag = Messages.toTag(r);
        if (r.is(Method.ACK)) {
            ack(r, from, toTag);
            return;
        }
        ServerKey key = ServerKey.of(r, r.method().name(), toTag);
        Transaction<?> existing = servers.get(key);
        if (existing != null) {
            retransmission(existing);
            return;
        }
        if (key instanceof ServerKey.Rfc3261 k) {
            WaitingServers.Kept kept = waiting.find(k);
            if (kept != null) {
                resendKept(r, kept);
                return;
            }
        }
        // a CANCEL of a live INVITE is never shed: it ends a transaction that holds far more,
        // which would otherwise ring on until the application answers or the caller gives up
        // after 64*T1 (one that matches nothing is shed like any request: a flood of them must
        // not grow the live transactions past the bound)
        if ((counters.liveServers() >= limits.maxServerTransactions()
                || counters.serverBytes.get() >= limits.maxServerBytes())
                && !(r.is(Method.CANCEL) && cancelsALiveInvite(r, toTag))) {
            overloaded(r, from);
            return;
        }
        boolean invite = r.is(Method.INVITE);
        Transaction<?> txn = invite
                ? new InviteServerTransaction(env, r, from, key, key.branch())
                : new NonInviteServerTransaction(env, r, from, key, key.branch());
        txn.weigh(Transaction.LIVE_WEIGHT);
        Transaction<?> raced = servers.putIfAbsent(key, txn);
        if (raced != null) {
            txn.weigh(0);
            retransmission(raced);
            return;
        }
        (invite ? counters.inviteServer : counters.nonInviteServer).incrementAndGet();
        if (r.is(Method.CANCEL)) {
            cancel(r, (NonInviteServerTransaction) txn, toTag);
            return;
        }
        if (txn instanceof InviteServerTransaction ist) {
            ist.start();
        }
        if (toTag.isEmpty() && merged(r, txn)) {
            return;
        }
        tu.onRequest((ServerTransaction) txn);
    }

    /**
     * RFC 3261 8.2.2.2: a request without a To tag whose Call-ID, From tag and CSeq are those of
     * a live transaction it does not match (another branch: the same request come back by
     * another path, as when a proxy forks it to two addresses of ours) is answered 482 and
     * never reaches the application.
     *
     * @return whether it was such a request, and was answered
     */
    private boolean merged(SipRequest r, Transaction<?> txn) {
        String mergeKey = txn.callId + '\n' + Messages.fromTag(r) + '\n' + r.cseq().sequence() + ' ' + r.method().name();
        txn.mergeKey = mergeKey;
        Transaction<?> first = byMergeKey.putIfAbsent(mergeKey, txn);
        if (first == null) {
            return false;
        }
        txn.mergeKey = null;
        LOG.info("{}: merged with a request on another branch ({}): 482", Messages.describe(r), first.branch);
        ((ServerTransaction) txn).respond(Messages.reply(r, 482, Ids.tag()).build());
        return true;
    }

    /**
     * A retransmitted request of a transaction that waits out timer J or L here: absorbed, and
     * for a non-INVITE one answered with its final again.
     */
    private void resendKept(SipRequest r, WaitingServers.Kept kept) {
        counters.retransmissionsAbsorbed.increment();
        if (kept.octets().length == 0) {
            return;
        }
        counters.retransmissionsSent.increment();
        try {
            env.sender().send(kept.octets(), kept.hop());
        } catch (TransportException e) {
            counters.transportErrors.increment();
            LOG.debug("{}: final response could not be sent again: {}", Messages.describe(r), e.getMessage());
        }
    }

    private void retransmission(Transaction<?> txn) {
        switch (txn) {
            case InviteServerTransaction t -> t.fire(new InviteServerTransaction.Retransmission());
            case NonInviteServerTransaction t -> t.fire(new NonInviteServerTransaction.Retransmission());
            default -> throw new AssertionError(txn);
        }
    }

    /** 17.2.3: an ACK matches the INVITE transaction whose response carried its To tag. */
    private void ack(SipRequest ack, Hop from, String toTag) {
        InviteServerTransaction ist = findInvite(ack, toTag);
        if (ist == null && !ack.topVia().rfc3261Branch()) {
            InviteServerTransaction initial = findInvite(ServerKey.of(ack, INVITE, ""));
            ist = initial != null && initial.toTag().equals(toTag) ? initial : null;
        }
        if (ist != null && ist.fire(new InviteServerTransaction.Ack())) {
            return;
        }
        uas2xx.acked(ack);
        tu.onAck(ack, from);
    }

    /** RFC 3261 9.2: the CANCEL's own transaction answers it; a pending INVITE gets 487. */
    private void cancel(SipRequest cancel, NonInviteServerTransaction own, String toTag) {
        ServerKey inviteKey = ServerKey.of(cancel, INVITE, toTag);
        InviteServerTransaction invite = findInvite(inviteKey);
        if (invite == null && inviteKey instanceof ServerKey.Rfc3261 k && waiting.find(k) != null) {
            // the INVITE was answered 2xx and waits out timer L: the CANCEL has no effect (9.2)
            own.respond(Messages.reply(cancel, 200, Ids.tag()).build());
            return;
        }
        if (invite == null && cancelsAnotherRequest(inviteKey)) {
            // 9.2: whatever the method of the request it matches, the CANCEL gets 200; for
            // anything but an INVITE (which a UAC SHOULD NOT cancel) it has no other effect
            own.respond(Messages.reply(cancel, 200, Ids.tag()).build());
            return;
        }
        if (invite == null || invite.isTerminated()) {
            LOG.debug("{}: CANCEL matches no transaction", Messages.describe(cancel));
            own.respond(Messages.reply(cancel, 481, Ids.tag()).build());
            return;
        }
        // the CANCEL's 200 goes first, and the 487 carries the same To tag (RFC 3261 9.2)
        String tag = invite.toTag().isEmpty() ? Ids.tag() : invite.toTag();
        own.respond(Messages.reply(cancel, 200, tag).build());
        if (invite.cancelledByPeer(tag)) {
            tu.onCancel(invite, cancel);
        }
    }

    /** @return whether a server transaction for a request other than INVITE has the CANCEL's branch and sent-by */
    private boolean cancelsAnotherRequest(ServerKey inviteKey) {
        if (!(inviteKey instanceof ServerKey.Rfc3261 k)) {
            return false;
        }
        for (String method : CANCELLABLE_OTHERS) {
            ServerKey.Rfc3261 other = new ServerKey.Rfc3261(k.branch(), k.sentBy(), method);
            if (servers.get(other) != null || waiting.find(other) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean cancelsALiveInvite(SipRequest cancel, String toTag) {
        InviteServerTransaction invite = findInvite(cancel, toTag);
        return invite != null && !invite.isTerminated();
    }

    private InviteServerTransaction findInvite(SipRequest r, String toTag) {
        return findInvite(ServerKey.of(r, INVITE, toTag));
    }

    private InviteServerTransaction findInvite(ServerKey key) {
        return servers.get(key) instanceof InviteServerTransaction t ? t : null;
    }

    private void overloaded(SipRequest r, Hop from) {
        counters.overloadRejected.increment();
        LOG.debug("{}: overloaded, {} answered 503", Messages.describe(r), r.method());
        SipResponse busy = Messages.reply(r, 503, Ids.tag())
                .header("Retry-After", limits.retryAfterSeconds()).build();
        try {
            env.sender().send(busy, ResponseRouting.route(r.topVia(), from));
        } catch (TransportException e) {
            counters.transportErrors.increment();
            LOG.debug("{}: 503 could not be sent: {}", Messages.describe(r), e.getMessage());
        }
    }

    private void response(SipResponse r, Hop from) {
        if (r.vias().size() != 1) {
            // RFC 3261 8.1.3.3: more than one Via means the response was meant for a proxy, and
            // this stack is never one: discarded, not matched to a transaction of ours
            counters.dropped.increment();
            LOG.debug("dropped {} from {}: {} Via values", Messages.describe(r), from.remote(), r.vias().size());
            return;
        }
        String method = r.cseq().method();
        if (r.success() && INVITE.equals(method) && acks.resendFor(r)) {
            return;
        }
        String branch = r.topVia().branch().orElse(null);
        Transaction<?> txn = branch == null ? null : clients.get(new ClientKey(branch, method));
        boolean taken = switch (txn) {
            case null -> false;
            case InviteClientTransaction t -> t.fire(new InviteClientTransaction.Received(r));
            case NonInviteClientTransaction t -> t.fire(new NonInviteClientTransaction.Received(r));
            default -> throw new AssertionError(txn);
        };
        if (!taken) {
            tu.onResponse(r, from);
        }
    }

    /** The state machines' way up; runs with a transaction's lock held. */
    private final class LayerHooks implements Hooks {
        @Override
        public void terminated(Transaction<?> txn) {
            switch (txn) {
                case InviteClientTransaction t -> forget(clients, t, counters.inviteClient);
                case NonInviteClientTransaction t -> forget(clients, t, counters.nonInviteClient);
                case InviteServerTransaction t -> forget(servers, t, counters.inviteServer);
                case NonInviteServerTransaction t -> forget(servers, t, counters.nonInviteServer);
            }
        }

        private void forget(ConcurrentHashMap<?, Transaction<?>> map, Transaction<?> txn,
                            java.util.concurrent.atomic.AtomicInteger live) {
            if (map.remove(txn.key, txn)) {
                live.decrementAndGet();
                txn.weigh(0);
                String mergeKey = txn.mergeKey;
                if (mergeKey != null) {
                    byMergeKey.remove(mergeKey, txn);
                }
            }
        }

        @Override
        public boolean waiting(Transaction<?> txn, byte[] octets) {
            if (txn.hop.reliable() || !(txn.key instanceof ServerKey.Rfc3261 k)
                    || !waiting.put(k, txn.hop, octets == null ? new byte[0] : octets)) {
                return false;
            }
            // kept first, then let go: a retransmission finds one or the other
            forget(servers, txn, txn instanceof InviteServerTransaction ? counters.inviteServer
                    : counters.nonInviteServer);
            return true;
        }

        @Override
        public void timeout(ServerTransaction txn) {
            tu.onTimeout(txn);
        }

        @Override
        public void transportError(ServerTransaction txn, TransportException error) {
            tu.onTransportError(txn, error);
        }

        @Override
        public void sending2xx(InviteServerTransaction txn, SipResponse response) {
            uas2xx.start(txn, response);
        }

        @Override
        public void unsent2xx(InviteServerTransaction txn, SipResponse response) {
            uas2xx.abandon(response);
        }

        @Override
        public void sendCancel(SipRequest cancel, Hop hop) {
            try {
                sendRequest(cancel, hop, CANCEL_LISTENER);
            } catch (IllegalStateException e) {
                LOG.debug("{}: CANCEL already under way", Messages.describe(cancel));
            }
        }
    }
}
