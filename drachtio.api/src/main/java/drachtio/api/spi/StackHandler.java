package drachtio.api.spi;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;

/**
 * What a {@link SipStack} delivers upwards. {@link #onRequest} runs on a virtual thread of its
 * own and may block; the other callbacks must return quickly.
 */
public interface StackHandler {

    /**
     * A new request (not ACK, not a CANCEL the stack matched). Runs on its own virtual thread
     * and may block; must eventually send a final response through the transaction.
     *
     * @param transaction the server transaction
     */
    void onRequest(IncomingTransaction transaction);

    /**
     * Offered each new request first, on the thread that read it from the network, before it
     * goes to a virtual thread of its own: a handler that can answer it at once, without
     * blocking and without running application code (the default answer to a BYE in a dialog
     * with no handler for it, a 481 for a dialog it does not know, a digest challenge to a
     * request without credentials), sends the final response
     * and returns {@code true}, and {@link #onRequest} does not follow. A call costs the
     * hand-off to a virtual thread (and often the wake-up of a carrier) once less this way.
     *
     * @param transaction the server transaction
     * @return whether a final response was sent; when {@code false} nothing was
     */
    default boolean answerAtOnce(IncomingTransaction transaction) {
        return false;
    }

    /**
     * The caller cancelled a pending INVITE; the stack has answered the CANCEL 200 and the
     * INVITE 487 (RFC 3261 9.2).
     *
     * @param invite the INVITE's transaction
     * @param cancel the CANCEL
     */
    default void onCancel(IncomingTransaction invite, SipRequest cancel) {
    }

    /**
     * An ACK that matched no transaction: the ACK for a 2xx (RFC 3261 17.2.1, RFC 6026). May
     * run on the thread that read it from the network, so it must return at once: hand
     * anything slow to a thread of its own.
     *
     * @param ack the ACK
     * @param source where it came from
     */
    default void onAck(SipRequest ack, Source source) {
    }

    /**
     * A response that matched no client transaction (a late 2xx retransmission, a forked 2xx).
     *
     * @param response the response
     * @param source where it came from
     */
    default void onStrayResponse(SipResponse response, Source source) {
    }

    /**
     * A 2xx to an INVITE was retransmitted for 64*T1 without an ACK (RFC 3261 13.3.1.4): the
     * session should be ended with a BYE. The 2xx identifies the dialog (Call-ID, tags); the
     * INVITE's transaction is long finished, so it is not passed.
     *
     * @param response the unacknowledged 2xx
     * @param source where the INVITE came from
     */
    default void onAckTimeout(SipResponse response, Source source) {
    }
}
