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
    record TimerJ() implements Event {}

    private final Hop source;
    private volatile State state = State.TRYING;
    private volatile SipResponse last;
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
                env.counters().retransmissionsSent.increment();
                transmit(last);
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
                    timerJ = schedule(env.sip().timeout(), new TimerJ());
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
            send(response);
        } catch (TransportException e) {
            LOG.debug("{} {}: {} could not be sent: {}", callId, branch, response.status(), e.getMessage());
            env.counters().transportErrors.increment();
            terminate();
            env.hooks().transportError(this, e);
            return false;
        }
        last = response;
        return true;
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
        return Optional.ofNullable(last);
    }

    @Override
    public String toString() {
        return request.method() + " server transaction " + callId + " " + branch + " " + state;
    }
}
