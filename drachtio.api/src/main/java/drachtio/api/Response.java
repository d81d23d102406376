package drachtio.api;

import drachtio.api.message.SipResponse;
import java.util.Optional;

/**
 * The responses to one incoming {@link Request}: any number of provisional responses, then
 * exactly one final response. The App builds each response from the request (RFC 3261 8.2.6:
 * Via, From, To, Call-ID, CSeq copied), adds a To tag on the first response other than 100 (the
 * same tag on all that follow) and computes Content-Length. Safe to call from any thread.
 */
public interface Response {

    /**
     * @param status 100 to 699
     * @throws IllegalStateException when a final response was already sent (by the app, or by
     *     the stack: a 487 after CANCEL)
     */
    default void send(int status) {
        send(status, null, Parts.NONE);
    }

    /**
     * @param status 100 to 699
     * @param reason the reason phrase
     * @throws IllegalStateException when a final response was already sent
     */
    default void send(int status, String reason) {
        send(status, reason, Parts.NONE);
    }

    /**
     * @param status 100 to 699
     * @param parts headers (in the case written) and body to add
     * @throws IllegalStateException when a final response was already sent
     */
    default void send(int status, Parts parts) {
        send(status, null, parts);
    }

    /**
     * Sends a response. A 2xx to an initial INVITE makes its dialog as {@link #answer(Parts)}
     * does (RFC 3261 12.1.1: the peer's BYE and other requests in it are served), without
     * waiting for the ACK; use {@code answer} to hold the {@link Dialog}.
     *
     * @param status 100 to 699
     * @param reason the reason phrase, {@code null} for the standard one
     * @param parts headers (in the case written) and body to add
     * @throws IllegalStateException when a final response was already sent
     * @throws IllegalArgumentException for a status outside 100-699
     */
    void send(int status, String reason, Parts parts);

    /**
     * Answers an INVITE with 200 and blocks until the caller's ACK arrives (RFC 3261 13.3.1.4),
     * then returns the confirmed dialog. A Contact of ours is added unless {@code parts} has one.
     *
     * <pre>{@code
     * Dialog dlg = res.answer(Parts.body("application/sdp", sdp));
     * }</pre>
     *
     * @param parts extra headers and the body (the SDP becomes the dialog's local SDP)
     * @return the dialog, confirmed (or already ended, when the caller sent BYE before its ACK)
     * @throws IllegalStateException when the request is not an initial INVITE, the caller
     *     cancelled it (the stack has answered 487), or a final response was already sent
     * @throws AckTimeoutException when no ACK came within 64*T1; the call was ended with BYE
     * @throws DialogEndedException when the App closed while waiting for the ACK
     */
    default Dialog answer(Parts parts) {
        return answer(200, parts);
    }

    /**
     * As {@link #answer(Parts)}, with another 2xx status.
     *
     * @param status 200 to 299
     * @param parts extra headers and the body
     * @return the dialog
     * @throws IllegalArgumentException for a status outside 200-299
     * @throws UnsupportedOperationException for a response that cannot make dialogs (the
     *     App's own responses can; a test double or wrapper need not)
     */
    default Dialog answer(int status, Parts parts) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot answer with a dialog");
    }

    /** @return whether a final response has been sent (by the app or by the stack) */
    boolean finalSent();

    /** @return the status of the last response sent, 0 when none */
    int status();

    /** @return the final response sent, when there is one */
    Optional<SipResponse> finalResponse();
}
