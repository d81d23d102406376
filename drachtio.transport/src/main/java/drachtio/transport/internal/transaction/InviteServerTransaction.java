package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITE server transaction of RFC 3261 17.2.1 (figure 7) with the Accepted state of
 * RFC 6026 7.1: Proceeding, Accepted, Completed, Confirmed, Terminated; timers G, H, I, L,
 * and the 100 Trying it sends itself when the TU stays silent for {@code SipTimers.trying()}.
 */
final class InviteServerTransaction extends Transaction<InviteServerTransaction.Event> implements ServerTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(InviteServerTransaction.class);

    enum State { PROCEEDING, ACCEPTED, COMPLETED, CONFIRMED, TERMINATED }

    sealed interface Event {}

    /** The INVITE arrived again. */
    record Retransmission() implements Event {}

    /** The TU passes a response down. */
    record Respond(SipResponse response) implements Event {}

    /** An ACK matched this transaction. */
    record Ack() implements Event {}

    /** The TU has been silent too long: send 100 Trying (17.2.1). */
    record TryingTimer() implements Event {
        /** Carries nothing, so one instance serves every transaction. */
        static final TryingTimer ONE = new TryingTimer();
    }

    /**
     * A CANCEL matched (9.2): answer 487 if no final response went out yet.
     *
     * @param tag the To tag the CANCEL's 200 carried, used again on the 487
     */
    record PeerCancel(String tag) implements Event {}

    /** Timer G: retransmit the final response; the interval doubles up to T2. */
    record TimerG(Duration interval) implements Event {}

    /** Timer H: the ACK never came. */
    record TimerH() implements Event {
        /** Carries nothing, so one instance serves every transaction. */
        static final TimerH ONE = new TimerH();
    }

    /** Timer I: stop absorbing ACK retransmissions. */
    record TimerI() implements Event {
        /** Carries nothing, so one instance serves every transaction. */
        static final TimerI ONE = new TimerI();
    }

    /** Timer L (RFC 6026): stop absorbing INVITE retransmissions after a 2xx. */
    record TimerL() implements Event {
        /** Carries nothing, so one instance serves every transaction. */
        static final TimerL ONE = new TimerL();
    }

    private final Hop source;
    private volatile State state = State.PROCEEDING;
    /**
     * The last response while the transaction may still need the message: provisional ones,
     * and a non-2xx final over a reliable transport. Once a 2xx is out the UAS core keeps it
     * (13.3.1.4), so Accepted keeps nothing; Completed over UDP keeps only {@link #lastOctets}.
     */
    private volatile SipResponse last;
    private volatile byte[] lastOctets;
    private volatile int lastStatus;
    private volatile String toTag = "";
    private TimerService.Timer trying;
    private TimerService.Timer timerG;
    private TimerService.Timer timerHorL;
    private TimerService.Timer timerI;

    InviteServerTransaction(Env env, SipRequest invite, Hop source, Object key, String branch) {
        super(env, invite, ResponseRouting.route(invite.topVia(), source), key, branch);
        this.source = source;
    }

    /** Starts the 100 Trying timer; the layer calls this once the transaction is registered. */
    void start() {
        trying = scheduleSend(env.sip().trying(), TryingTimer.ONE);
    }

    @Override
    boolean step(Event event) {
        return switch (event) {
            case Retransmission r -> retransmission();
            case Respond r -> respondIn(r.response());
            case Ack a -> ack();
            case TryingTimer t -> state == State.PROCEEDING && lastStatus == 0
                    && transmit(SipResponse.replyTo(request, 100).build());
            case PeerCancel c -> state == State.PROCEEDING
                    && respondIn(Messages.reply(request, 487, c.tag()).build());
            case TimerG g -> {
                if (state != State.COMPLETED) {
                    yield false;
                }
                if (!retransmitLast()) {
                    yield false;
                }
                Duration next = g.interval().multipliedBy(2);
                next = next.compareTo(env.sip().t2()) > 0 ? env.sip().t2() : next;
                timerG = schedule(next, new TimerG(next));
                yield true;
            }
            case TimerH h -> {
                if (state != State.COMPLETED) {
                    yield false;
                }
                LOG.debug("{} {}: no ACK for {} (timer H)", callId, branch, lastStatus);
                env.counters().timeouts.increment();
                terminate();
                env.hooks().timeout(this);
                yield true;
            }
            case TimerI i -> state == State.CONFIRMED && terminate();
            case TimerL l -> state == State.ACCEPTED && terminate();
        };
    }

    private boolean retransmission() {
        switch (state) {
            case PROCEEDING, COMPLETED -> {
                env.counters().retransmissionsAbsorbed.increment();
                if (lastStatus != 0) {
                    retransmitLast();
                }
                return true;
            }
            case ACCEPTED, CONFIRMED -> {
                env.counters().retransmissionsAbsorbed.increment();
                return true;
            }
            case TERMINATED -> {
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private boolean respondIn(SipResponse response) {
        int status = response.status();
        switch (state) {
            case PROCEEDING -> {
                cancel(trying);
                trying = null;
                boolean accept = status >= 200 && status < 300;
                if (accept) {
                    // before the wire: on a fast path the ACK can come back before transmit returns
                    env.hooks().sending2xx(this, response);
                }
                if (!transmit(response)) {
                    if (accept) {
                        env.hooks().unsent2xx(this, response);
                    }
                    return false;
                }
                if (status < 200) {
                    return true;
                }
                // from here on the transaction only absorbs and retransmits: the request can go
                forgetRequest();
                byte[] octets = lastOctets;
                weigh(accept ? WAITING_WEIGHT : octets != null ? WAITING_WEIGHT + octets.length : LIVE_WEIGHT);
                if (accept) {
                    state = State.ACCEPTED;
                    if (!env.hooks().waiting(this, null)) {
                        timerHorL = schedule(env.sip().timeout(), TimerL.ONE);
                    }
                } else {
                    state = State.COMPLETED;
                    if (!hop.reliable()) {
                        timerG = schedule(env.sip().t1(), new TimerG(env.sip().t1()));
                    }
                    timerHorL = schedule(env.sip().timeout(), TimerH.ONE);
                }
                return true;
            }
            case ACCEPTED -> {
                if (status < 200 || status >= 300) {
                    return false;
                }
                env.hooks().sending2xx(this, response);
                if (!transmit(response)) {
                    env.hooks().unsent2xx(this, response);
                    return false;
                }
                return true;
            }
            case COMPLETED, CONFIRMED, TERMINATED -> {
                LOG.debug("{} {}: {} dropped, transaction is {}", callId, branch, status, state);
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private boolean ack() {
        switch (state) {
            case COMPLETED -> {
                cancel(timerG);
                cancel(timerHorL);
                state = State.CONFIRMED;
                if (hop.reliable()) {
                    terminate();
                } else {
                    timerI = schedule(env.sip().t4(), TimerI.ONE);
                }
                return true;
            }
            case CONFIRMED -> {
                env.counters().retransmissionsAbsorbed.increment();
                return true;
            }
            case PROCEEDING, ACCEPTED, TERMINATED -> {
                return false;
            }
        }
        throw new AssertionError(state);
    }

    /** Sends, remembering what a retransmission needs and the To tag; a failure ends the transaction. */
    private boolean transmit(SipResponse response) {
        int status = response.status();
        try {
            if (status < 200) {
                send(response);
                last = response;
            } else if (status < 300) {
                // Accepted absorbs INVITE retransmissions without answering: the core resends the 2xx
                send(response);
                last = null;
                lastOctets = null;
            } else {
                lastOctets = sendKeeping(response);
                last = lastOctets == null ? response : null;
            }
        } catch (TransportException e) {
            failed(status, e);
            return false;
        }
        lastStatus = status;
        if (toTag.isEmpty() && status > 100) {
            toTag = Messages.toTag(response);
        }
        return true;
    }

    /** Sends the last response again (timer G, a retransmitted INVITE); a failure ends the transaction. */
    private boolean retransmitLast() {
        byte[] octets = lastOctets;
        try {
            if (octets != null) {
                resend(octets);
            } else if (last != null) {
                resend(last);
            }
        } catch (TransportException e) {
            failed(lastStatus, e);
            return false;
        }
        return true;
    }

    private void failed(int status, TransportException e) {
        LOG.debug("{} {}: {} could not be sent: {}", callId, branch, status, e.getMessage());
        env.counters().transportErrors.increment();
        terminate();
        env.hooks().transportError(this, e);
    }

    private boolean terminate() {
        if (state == State.TERMINATED) {
            return false;
        }
        state = State.TERMINATED;
        cancel(trying);
        cancel(timerG);
        cancel(timerHorL);
        cancel(timerI);
        env.hooks().terminated(this);
        return true;
    }

    /**
     * A CANCEL matched this transaction (RFC 3261 9.2).
     *
     * @param tag the To tag for the 487: the one the CANCEL's 200 carried
     * @return whether it was still pending, so that a 487 went out
     */
    boolean cancelledByPeer(String tag) {
        return fire(new PeerCancel(tag));
    }

    /** @return the To tag of the responses sent, or the empty string */
    String toTag() {
        return toTag;
    }

    State state() {
        return state;
    }

    @Override
    boolean isTerminated() {
        return state == State.TERMINATED;
    }

    @Override
    public Hop source() {
        return source;
    }

    @Override
    public boolean respond(SipResponse response) {
        return fire(new Respond(response));
    }

    @Override
    public boolean finalSent() {
        State s = state;
        return s != State.PROCEEDING;
    }

    @Override
    public Optional<SipResponse> lastResponse() {
        byte[] octets = lastOctets;
        return octets != null ? Optional.of(Messages.parsed(octets)) : Optional.ofNullable(last);
    }

    @Override
    public String toString() {
        return "INVITE server transaction " + callId + " " + branch + " " + state;
    }
}
