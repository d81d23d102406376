package drachtio.middleware.internal.app;

import drachtio.api.Dialog;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.SipResponse;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A call whose INVITE may be challenged: a 401 or 407 final response is answered once with
 * credentials (a new INVITE transaction, same Call-ID and From tag, next CSeq), and the app
 * sees only the outcome of the second attempt.
 */
final class AuthenticatingCall implements PendingCall {
    private final ReentrantLock lock = new ReentrantLock();
    private final Function<SipResponse, Optional<PendingCall>> retry;
    private volatile PendingCall current;
    private boolean retried;

    /**
     * @param first the INVITE as first sent
     * @param retry makes the authenticated retry for a challenge, empty when it cannot be answered
     */
    AuthenticatingCall(PendingCall first, Function<SipResponse, Optional<PendingCall>> retry) {
        this.current = first;
        this.retry = retry;
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
                Optional<PendingCall> again = retry.apply(answer);
                if (again.isPresent()) {
                    current = again.get();
                    answer = current.awaitFinal();
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
        return current().cancel();
    }

    private PendingCall current() {
        return current;
    }
}
