package drachtio.transport.internal.transaction;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TimerService;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the four RFC 3261 17 state machines share: the request, the hop, the lock that
 * serialises their events, and the way timers feed events back in. Each machine lives in its
 * own file with its enum of states, sealed events and one switch.
 *
 * @param <E> the machine's event type
 */
abstract sealed class Transaction<E> permits InviteClientTransaction, NonInviteClientTransaction,
        InviteServerTransaction, NonInviteServerTransaction {
    final Env env;
    /** The request; server transactions let go of it once they only wait out their timers. */
    volatile SipRequest request;
    final Hop hop;
    final Object key;
    final String branch;
    final String callId;
    /**
     * For a server transaction of a request without a To tag: its Call-ID, From tag and CSeq,
     * under which the layer finds it to tell a merged request (RFC 3261 8.2.2.2); else null.
     */
    volatile String mergeKey;
    private final ReentrantLock lock = new ReentrantLock();

    Transaction(Env env, SipRequest request, Hop hop, Object key, String branch) {
        this.env = env;
        this.request = request;
        this.hop = hop;
        this.key = key;
        this.branch = branch;
        this.callId = request.headers().first("Call-ID").orElse("?");
    }

    /**
     * @return the request that created the transaction, or {@code null} once a server
     *     transaction has sent its final response and only waits out its timers (it lets go of
     *     the request then, so that tens of thousands of waiting transactions stay small)
     */
    public final SipRequest request() {
        return request;
    }

    /** What the TU attached, see {@link ServerTransaction#attach}. */
    private volatile Object attachment;

    /** @param value what the TU keeps with this transaction */
    public final void attach(Object value) {
        attachment = value;
    }

    /** @return what the TU attached, or {@code null} */
    public final Object attachment() {
        return attachment;
    }

    /**
     * What a server transaction holding its request counts against the layer's byte budget:
     * the parsed request, the transaction and its timers, with room to spare.
     */
    static final int LIVE_WEIGHT = 4096;
    /**
     * What a server transaction waiting out timer J, I or L holds besides the octets it keeps:
     * the transaction, its key (branch, sent-by), Call-ID, hop, lock, map entry and timer.
     * Measured at about 570 bytes for sipp's OPTIONS (jcmd GC.class_histogram); rounded up
     * for longer branches and Call-IDs.
     */
    static final int WAITING_WEIGHT = 640;

    /** What this server transaction counts against the byte budget; changed under the lock. */
    private int weight;

    /**
     * Sets what this server transaction counts against the layer's byte budget (0 once it is
     * forgotten).
     */
    final void weigh(int bytes) {
        env.counters().serverBytes.addAndGet(bytes - weight);
        weight = bytes;
    }

    /** Lets go of the request: only the key, the hop and the last response are needed now. */
    final void forgetRequest() {
        request = null;
    }

    /** @return the branch of the request's top Via (or the whole key text for RFC 2543 peers) */
    public final String branch() {
        return branch;
    }

    /**
     * Runs one event through the machine, serialised with every other event of this
     * transaction.
     *
     * @return what the event's handler says (taken, absorbed, sent)
     */
    final boolean fire(E event) {
        lock.lock();
        try {
            return step(event);
        } finally {
            lock.unlock();
        }
    }

    /** The machine's one switch; called with the lock held. */
    abstract boolean step(E event);

    /** @return whether the machine reached Terminated */
    abstract boolean isTerminated();

    final TimerService.Timer schedule(Duration delay, E event) {
        return env.timers().schedule(delay, () -> fire(event));
    }

    /**
     * Like {@link #schedule}, for an event that sends over a reliable transport: it fires on a
     * virtual thread of its own, since a write over TCP may wait for the connection's writer or
     * open a new connection (18.2.2), never on the timer thread every timer of the stack shares.
     */
    final TimerService.Timer scheduleSend(Duration delay, E event) {
        if (!hop.reliable()) {
            return schedule(delay, event);
        }
        return env.timers().schedule(delay, () -> Thread.ofVirtual().name("sip-timer-send").start(() -> fire(event)));
    }

    final void send(SipMessage message) {
        env.sender().send(message, hop);
    }

    final void resend(SipMessage message) {
        env.counters().retransmissionsSent.increment();
        env.sender().send(message, hop);
    }

    /**
     * Sends a final response the way a server transaction keeps it for retransmissions: over
     * UDP, where it may have to go again for 32 s, only its octets are kept (a few hundred
     * bytes rather than a message with its header strings); over a reliable transport, which
     * never retransmits, the message itself.
     *
     * @return the octets to keep, or {@code null} over a reliable transport
     * @throws drachtio.transport.internal.TransportException when it cannot be sent
     */
    final byte[] sendKeeping(SipResponse response) {
        if (hop.reliable()) {
            send(response);
            return null;
        }
        byte[] octets = response.toBytes();
        env.sender().send(octets, hop);
        return octets;
    }

    /** Sends kept octets again, counted as a retransmission. */
    final void resend(byte[] octets) {
        env.counters().retransmissionsSent.increment();
        env.sender().send(octets, hop);
    }

    static void cancel(TimerService.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
