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
     * Sends a response.
     *
     * @param status 100 to 699
     * @param reason the reason phrase, {@code null} for the standard one
     * @param parts headers (in the case written) and body to add
     * @throws IllegalStateException when a final response was already sent
     * @throws IllegalArgumentException for a status outside 100-699
     */
    void send(int status, String reason, Parts parts);

    /** @return whether a final response has been sent (by the app or by the stack) */
    boolean finalSent();

    /** @return the status of the last response sent, 0 when none */
    int status();

    /** @return the final response sent, when there is one */
    Optional<SipResponse> finalResponse();
}
