package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The non-INVITE client transaction of RFC 3261 17.1.2 (figure 6): Trying, Proceeding,
 * Completed, Terminated; timers E, F, K.
 */
final class NonInviteClientTransaction extends Transaction<NonInviteClientTransaction.Event>
        implements ClientTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(NonInviteClientTransaction.class);

    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    sealed interface Event {}

    /** The TU hands the request over: send it. */
    record Start() implements Event {}

    /** A matching response arrived. */
    record Received(SipResponse response) implements Event {}

    /** Timer E: retransmit; the next interval doubles up to T2 (T2 at once in Proceeding). */
    record TimerE(Duration interval) implements Event {}

    /** Timer F: no final response. */
    record TimerF() implements Event {}

    /** Timer K: stop absorbing response retransmissions. */
    record TimerK() implements Event {}

    private final ClientListener listener;
    private volatile State state = State.TRYING;
    private boolean started;
    private TimerService.Timer timerE;
    private TimerService.Timer timerF;
    private TimerService.Timer timerK;

    NonInviteClientTransaction(Env env, SipRequest request, Hop hop, Object key, String branch,
                               ClientListener listener) {
        super(env, request, hop, key, branch);
        this.listener = listener;
    }

    @Override
    boolean step(Event event) {
        return switch (event) {
            case Start s -> start();
            case Received r -> received(r.response());
            case TimerE e -> retransmit(e.interval());
            case TimerF f -> (state == State.TRYING || state == State.PROCEEDING) && timedOut();
            case TimerK k -> state == State.COMPLETED && terminate();
        };
    }

    private boolean start() {
        if (started) {
            return false;
        }
        started = true;
        try {
            send(request);
        } catch (TransportException e) {
            return failed(e);
        }
        if (!hop.reliable()) {
            timerE = schedule(env.sip().t1(), new TimerE(env.sip().t1()));
        }
        timerF = schedule(env.sip().timeout(), new TimerF());
        return true;
    }

    private boolean retransmit(Duration interval) {
        Duration next = switch (state) {
            case TRYING -> min(interval.multipliedBy(2), env.sip().t2());
            case PROCEEDING -> env.sip().t2();
            case COMPLETED, TERMINATED -> null;
        };
        if (next == null) {
            return false;
        }
        try {
            resend(request);
        } catch (TransportException e) {
            return failed(e);
        }
        timerE = schedule(next, new TimerE(next));
        return true;
    }

    private boolean received(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.provisional()) {
                    state = State.PROCEEDING;
                    listener.onProvisional(response);
                    return true;
                }
                cancel(timerE);
                cancel(timerF);
                state = State.COMPLETED;
                listener.onFinal(new FinalResponse(response, FinalResponse.Cause.RECEIVED, null));
                if (hop.reliable()) {
                    terminate();
                } else {
                    timerK = schedule(env.sip().t4(), new TimerK());
                }
                return true;
            }
            case COMPLETED -> {
                env.counters().retransmissionsAbsorbed.increment();
                return true;
            }
            case TERMINATED -> {
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private boolean timedOut() {
        LOG.debug("{} {}: {} timed out (timer F)", callId, branch, request.method());
        env.counters().timeouts.increment();
        terminate();
        listener.onFinal(new FinalResponse(Messages.synthesized(request, 408), FinalResponse.Cause.TIMEOUT, null));
        return true;
    }

    private boolean failed(TransportException e) {
        LOG.debug("{} {}: {} could not be sent: {}", callId, branch, request.method(), e.getMessage());
        env.counters().transportErrors.increment();
        terminate();
        listener.onFinal(new FinalResponse(Messages.synthesized(request, 503), FinalResponse.Cause.TRANSPORT_ERROR, e));
        return false;
    }

    private boolean terminate() {
        if (state == State.TERMINATED) {
            return false;
        }
        state = State.TERMINATED;
        cancel(timerE);
        cancel(timerF);
        cancel(timerK);
        env.hooks().terminated(this);
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    State state() {
        return state;
    }

    @Override
    boolean isTerminated() {
        return state == State.TERMINATED;
    }

    @Override
    public Hop hop() {
        return hop;
    }

    @Override
    public boolean cancel() {
        throw new UnsupportedOperationException("only an INVITE can be cancelled (RFC 3261 9.1)");
    }

    @Override
    public boolean terminated() {
        return isTerminated();
    }
}
