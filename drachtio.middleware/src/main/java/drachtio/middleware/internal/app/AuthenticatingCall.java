package drachtio.middleware.internal.app;

import drachtio.api.Dialog;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A call whose INVITE may be challenged: a 401 or 407 final response is answered once with
 * credentials (a new INVITE transaction, same Call-ID and From tag, next CSeq), and the app
 * sees only the outcome of the second attempt. A cancel before the second INVITE leaves makes
 * the challenge the outcome; after, it cancels the second INVITE.
 */
final class AuthenticatingCall implements PendingCall {
    private final ReentrantLock lock = new ReentrantLock();
    /** Held only to hand {@link #current} over to the retry, so that a cancel meets one call or the other. */
    private final Object turn = new Object();
    private final Function<SipResponse, Optional<SipRequest>> authorize;
    private final Function<SipRequest, PendingCall> place;
    private volatile PendingCall current;
    private boolean retried;
    /** Set by {@link #cancel()}; guarded by {@link #turn}. */
    private boolean cancelled;

    /**
     * @param first the INVITE as first sent
     * @param authorize the INVITE again with credentials for a challenge, empty when it cannot be answered
     * @param place sends an INVITE as a new call
     */
    AuthenticatingCall(PendingCall first, Function<SipResponse, Optional<SipRequest>> authorize,
                       Function<SipRequest, PendingCall> place) {
        this.current = first;
        this.authorize = authorize;
        this.place = place;
    }

    @Override
    public String callId() {
        return current().callId();
    }

    @Override
    public SipResponse awaitFinal() {
        lock.lock();
        try {
            SipResponse answer = current.awaitFinal();
            if (!retried && (answer.status() == 401 || answer.status() == 407)) {
                retried = true;
                // the credentials may take a while (a login callback): a cancel meanwhile means
                // the challenge is the outcome and the retry is never sent
                Optional<SipRequest> signed = authorize.apply(answer);
                PendingCall again = null;
                if (signed.isPresent()) {
                    synchronized (turn) {
                        if (!cancelled) {
                            again = place.apply(signed.get());
                            current = again;
                        }
                    }
                }
                if (again != null) {
                    answer = again.awaitFinal();
                }
            }
            return answer;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Dialog ack(Parts parts) {
        awaitFinal();
        return current().ack(parts);
    }

    @Override
    public SipResponse cancel() {
        // never under the lock: awaitFinal holds it while the INVITE rings
        PendingCall target;
        synchronized (turn) {
            cancelled = true;
            target = current;
        }
        return target.cancel();
    }

    private PendingCall current() {
        return current;
    }
}
