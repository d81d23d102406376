package drachtio.api;

import drachtio.api.message.SipResponse;

/**
 * An INVITE sent with {@link Uac#start} whose answer the app handles itself: wait for the final
 * response, then acknowledge a 2xx (the seed's {@code res.ack()} form, with an SDP answer for a
 * late offer) or cancel the call while it rings.
 *
 * <pre>{@code
 * PendingCall call = app.uac().start("sip:bob@127.0.0.1:5080", Parts.NONE);  // no offer
 * SipResponse ok = call.awaitFinal();
 * if (ok.success()) {
 *     Dialog dlg = call.ack(Parts.body("application/sdp", answerTo(ok.bodyText())));
 * }
 * }</pre>
 *
 * <p>A 2xx left unacknowledged makes the peer end the call after 64*T1. Safe to use from any
 * thread.
 */
public interface PendingCall {

    /** @return the Call-ID of the INVITE */
    String callId();

    /**
     * Blocks until the final response. With {@link Uac#withTimeout} the INVITE is cancelled when
     * the timeout passes and the final response (487 normally) returned; when the peer has sent
     * nothing yet, a 408 made at once, since the CANCEL waits for a provisional (RFC 3261 9.1). A
     * 2xx that comes after that is acknowledged and ended with BYE.
     *
     * @return the final response: received, or a 408 or 503 made by the stack (503 also when the
     *     App closes and the peer never answered)
     */
    SipResponse awaitFinal();

    /**
     * Acknowledges the 2xx (waiting for it if needed) without a body.
     *
     * @return the dialog
     * @throws CallFailedException when the final response was not a 2xx
     */
    default Dialog ack() {
        return ack(Parts.NONE);
    }

    /**
     * Acknowledges the 2xx (waiting for it if needed). A second call returns the same dialog and
     * sends nothing.
     *
     * @param parts extra headers and a body for the ACK (the SDP answer to an offer in the 2xx)
     * @return the dialog
     * @throws CallFailedException when the final response was not a 2xx, or was a 2xx that crossed
     *     our CANCEL (that call has been ended with BYE)
     * @throws DialogEndedException when the ACK cannot be sent (a Contact that does not resolve):
     *     the dialog has ended
     */
    Dialog ack(Parts parts);

    /**
     * Cancels the INVITE (RFC 3261 9.1) and blocks until its final response, 487 normally. When
     * the peer has sent nothing yet the CANCEL waits for its provisional, but this method does
     * not: it returns a 487 made by the stack at once. If a 2xx won the race, or comes later, the
     * call is acknowledged and ended with BYE at once (15).
     *
     * @return the final response
     */
    SipResponse cancel();
}
