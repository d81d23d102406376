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
 * The INVITE client transaction of RFC 3261 17.1.1 (figure 5) with the Accepted state of
 * RFC 6026 7.2: Calling, Proceeding, Accepted, Completed, Terminated; timers A, B, D, M.
 * It generates the ACK for a non-2xx final response; 2xx responses go up and their ACK is the
 * TU's. {@link #cancel()} adds RFC 3261 9.1.
 */
final class InviteClientTransaction extends Transaction<InviteClientTransaction.Event> implements ClientTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(InviteClientTransaction.class);

    enum State { CALLING, PROCEEDING, ACCEPTED, COMPLETED, TERMINATED }

    sealed interface Event {}

    /** The TU hands the INVITE over: send it. */
    record Start() implements Event {}

    /** A matching response arrived. */
    record Received(SipResponse response) implements Event {}

    /** Timer A: retransmit, then wait twice as long. */
    record TimerA(Duration interval) implements Event {}

    /** Timer B: the INVITE got no response. */
    record TimerB() implements Event {}

    /** Timer D: stop absorbing final-response retransmissions. */
    record TimerD() implements Event {}

    /** Timer M (RFC 6026): stop passing further 2xx up. */
    record TimerM() implements Event {}

    /** The TU wants the INVITE cancelled. */
    record CancelRequested() implements Event {}

    /** 64*T1 passed since the CANCEL without a final response (9.1). */
    record CancelExpired() implements Event {}

    private final ClientListener listener;
    private volatile State state = State.CALLING;
    private TimerService.Timer timerA;
    private TimerService.Timer timerB;
    private TimerService.Timer timerDorM;
    private TimerService.Timer cancelWait;
    private SipRequest ack;
    private boolean cancelWanted;
    private boolean cancelSent;

    InviteClientTransaction(Env env, SipRequest invite, Hop hop, Object key, String branch, ClientListener listener) {
        super(env, invite, hop, key, branch);
        this.listener = listener;
    }

    @Override
    boolean step(Event event) {
        return switch (event) {
            case Start s -> start();
            case Received r -> received(r.response());
            case TimerA a -> {
                if (state != State.CALLING) {
                    yield false;
                }
                try {
                    resend(request);
                } catch (TransportException e) {
                    yield failed(e);
                }
                timerA = schedule(a.interval().multipliedBy(2), new TimerA(a.interval().multipliedBy(2)));
                yield true;
            }
            case TimerB b -> state == State.CALLING && timedOut("timer B");
            case CancelExpired c -> state == State.PROCEEDING && timedOut("no final response after CANCEL");
            case TimerD d -> state == State.COMPLETED && terminate();
            case TimerM m -> state == State.ACCEPTED && terminate();
            case CancelRequested c -> cancelRequested();
        };
    }

    private boolean start() {
        if (state != State.CALLING || timerB != null) {
            return false;
        }
        try {
            send(request);
        } catch (TransportException e) {
            return failed(e);
        }
        if (!hop.reliable()) {
            timerA = schedule(env.sip().t1(), new TimerA(env.sip().t1()));
        }
        timerB = schedule(env.sip().timeout(), new TimerB());
        return true;
    }

    private boolean received(SipResponse response) {
        int status = response.status();
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    enterProceeding(response);
                } else if (status < 300) {
                    stopCalling();
                    state = State.ACCEPTED;
                    timerDorM = schedule(env.sip().timeout(), new TimerM());
                    listener.onFinal(new FinalResponse(response, FinalResponse.Cause.RECEIVED, null));
                } else {
                    completed(response);
                }
                return true;
            }
            case ACCEPTED -> {
                if (response.success()) {
                    listener.onAdditional2xx(response);
                    return true;
                }
                return absorbed();
            }
            case COMPLETED -> {
                if (status >= 300) {
                    try {
                        resend(ack);
                    } catch (TransportException e) {
                        LOG.debug("{}: ACK retransmission failed: {}", callId, e.getMessage());
                        terminate();
                    }
                }
                return absorbed();
            }
            case TERMINATED -> {
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private void enterProceeding(SipResponse provisional) {
        if (state == State.CALLING) {
            stopCalling();
            state = State.PROCEEDING;
        }
        listener.onProvisional(provisional);
        if (cancelWanted && !cancelSent) {
            sendCancel();
        }
    }

    private void completed(SipResponse response) {
        stopCalling();
        cancel(cancelWait);
        state = State.COMPLETED;
        ack = Messages.ackFor(request, response);
        boolean sent = true;
        try {
            send(ack);
        } catch (TransportException e) {
            LOG.debug("{}: ACK for {} failed: {}", callId, response.status(), e.getMessage());
            sent = false;
        }
        listener.onFinal(new FinalResponse(response, FinalResponse.Cause.RECEIVED, null));
        if (!sent || hop.reliable()) {
            terminate();
        } else {
            timerDorM = schedule(env.sip().timerD(), new TimerD());
        }
    }

    private boolean cancelRequested() {
        switch (state) {
            case CALLING -> cancelWanted = true;
            case PROCEEDING -> {
                if (!cancelSent) {
                    sendCancel();
                }
            }
            case ACCEPTED, COMPLETED, TERMINATED -> {
                return false;
            }
        }
        return true;
    }

    private void sendCancel() {
        cancelSent = true;
        LOG.debug("{} {}: sending CANCEL", callId, branch);
        env.hooks().sendCancel(Messages.cancelFor(request), hop);
        cancelWait = schedule(env.sip().timeout(), new CancelExpired());
    }

    private void stopCalling() {
        cancel(timerA);
        cancel(timerB);
    }

    private boolean timedOut(String why) {
        LOG.debug("{} {}: INVITE timed out ({})", callId, branch, why);
        env.counters().timeouts.increment();
        terminate();
        listener.onFinal(new FinalResponse(Messages.synthesized(request, 408), FinalResponse.Cause.TIMEOUT, null));
        return true;
    }

    private boolean failed(TransportException e) {
        LOG.debug("{} {}: INVITE could not be sent: {}", callId, branch, e.getMessage());
        env.counters().transportErrors.increment();
        terminate();
        listener.onFinal(new FinalResponse(Messages.synthesized(request, 503), FinalResponse.Cause.TRANSPORT_ERROR, e));
        return false;
    }

    private boolean absorbed() {
        env.counters().retransmissionsAbsorbed.increment();
        return true;
    }

    private boolean terminate() {
        if (state == State.TERMINATED) {
            return false;
        }
        state = State.TERMINATED;
        stopCalling();
        cancel(timerDorM);
        cancel(cancelWait);
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
    public Hop hop() {
        return hop;
    }

    @Override
    public boolean cancel() {
        return fire(new CancelRequested());
    }

    @Override
    public boolean terminated() {
        return isTerminated();
    }
}
