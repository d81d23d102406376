package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE server transaction of RFC 3261 17.2.2 (figure 8): Trying, Proceeding,
 * Completed, Terminated; timer J.
 */
final class NonInviteServerTransaction extends Transaction<NonInviteServerTransaction.Event>
        implements ServerTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(NonInviteServerTransaction.class);

    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    sealed interface Event {}

    /** The request arrived again. */
    record Retransmission() implements Event {}

    /** The TU passes a response down. */
    record Respond(SipResponse response) implements Event {}

    /** Timer J: stop absorbing request retransmissions. */
    record TimerJ() implements Event {
        /** Carries nothing, so one instance serves every transaction. */
        static final TimerJ ONE = new TimerJ();
    }

    private final Hop source;
    private volatile State state = State.TRYING;
    /** The last provisional response, or the final one over a reliable transport. */
    private volatile SipResponse last;
    /** The final response's octets over UDP: all that Completed needs to answer retransmissions. */
    private volatile byte[] lastOctets;
    private TimerService.Timer timerJ;

    NonInviteServerTransaction(Env env, SipRequest request, Hop source, Object key, String branch) {
        super(env, request, ResponseRouting.route(request.topVia(), source), key, branch);
        this.source = source;
    }

    @Override
    boolean step(Event event) {
        return switch (event) {
            case Retransmission r -> retransmission();
            case Respond r -> respondIn(r.response());
            case TimerJ j -> state == State.COMPLETED && terminate();
        };
    }

    private boolean retransmission() {
        switch (state) {
            case TRYING -> {
                env.counters().retransmissionsAbsorbed.increment();
                return true;
            }
            case PROCEEDING, COMPLETED -> {
                env.counters().retransmissionsAbsorbed.increment();
                retransmitLast();
                return true;
            }
            case TERMINATED -> {
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private boolean respondIn(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (!transmit(response)) {
                    return false;
                }
                if (response.provisional()) {
                    state = State.PROCEEDING;
                    return true;
                }
                state = State.COMPLETED;
                if (hop.reliable()) {
                    terminate();
                } else {
                    forgetRequest();
                    if (!env.hooks().waiting(this, lastOctets)) {
                        weigh(WAITING_WEIGHT + lastOctets.length);
                        timerJ = schedule(env.sip().timeout(), TimerJ.ONE);
                    }
                }
                return true;
            }
            case COMPLETED, TERMINATED -> {
                LOG.debug("{} {}: {} dropped, transaction is {}", callId, branch, response.status(), state);
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private boolean transmit(SipResponse response) {
        try {
            if (response.provisional()) {
                send(response);
                last = response;
            } else {
                lastOctets = sendKeeping(response);
                last = lastOctets == null ? response : null;
            }
        } catch (TransportException e) {
            failed(response.status(), e);
            return false;
        }
        return true;
    }

    private void retransmitLast() {
        byte[] octets = lastOctets;
        try {
            if (octets != null) {
                resend(octets);
            } else {
                env.counters().retransmissionsSent.increment();
                send(last);
            }
        } catch (TransportException e) {
            failed(0, e);
        }
    }

    private void failed(int status, TransportException e) {
        LOG.debug("{} {}: {} could not be sent: {}", callId, branch, status == 0 ? "retransmission" : status,
                e.getMessage());
        env.counters().transportErrors.increment();
        terminate();
        env.hooks().transportError(this, e);
    }

    private boolean terminate() {
        if (state == State.TERMINATED) {
            return false;
        }
        state = State.TERMINATED;
        cancel(timerJ);
        env.hooks().terminated(this);
        return true;
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
        return s == State.COMPLETED || s == State.TERMINATED;
    }

    @Override
    public Optional<SipResponse> lastResponse() {
        byte[] octets = lastOctets;
        return octets != null ? Optional.of(Messages.parsed(octets)) : Optional.ofNullable(last);
    }

    @Override
    public String toString() {
        SipRequest r = request;
        return (r == null ? "non-INVITE" : r.method().name()) + " server transaction " + callId + " " + branch + " " + state;
    }
}
