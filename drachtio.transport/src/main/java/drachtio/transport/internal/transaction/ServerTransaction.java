package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import java.util.Optional;

/**
 * A server transaction as the transaction user sees it (RFC 3261 17.2): the request, and the
 * way to answer it. Safe to use from any thread.
 */
public interface ServerTransaction {

    /**
     * @return the request that created the transaction, or {@code null} once the final
     *     response has gone out: a transaction waiting out timer J or L keeps only what it
     *     needs to absorb retransmissions, so a TU that wants the request later keeps its own
     *     reference from {@link TransactionUser#onRequest}
     */
    SipRequest request();

    /**
     * Keeps a TU object with the transaction (the way a selection key carries an attachment),
     * for the callbacks that come after the request has been let go.
     *
     * @param value the object
     */
    void attach(Object value);

    /** @return the object attached with {@link #attach}, or {@code null} */
    Object attachment();

    /** @return where the request came from */
    Hop source();

    /** @return the branch of the request's top Via (or the whole key text for RFC 2543 peers) */
    String branch();

    /**
     * Sends a response. A 2xx to an INVITE also starts the UAS core's 2xx retransmissions
     * until the ACK arrives (RFC 3261 13.3.1.4); a 2xx passed again while the transaction is
     * Accepted is sent again (RFC 6026 8.5). A transport failure ends the transaction and is
     * reported to {@link TransactionUser#onTransportError}.
     *
     * @param response a response built with {@link SipResponse#replyTo(SipRequest, int)}
     * @return whether it was taken: {@code false} when a final response was already sent
     *     (for example the 487 sent on a CANCEL) or the transaction ended
     */
    boolean respond(SipResponse response);

    /** @return whether the transaction takes no more final responses: one was sent, or it ended */
    boolean finalSent();

    /**
     * @return the last response sent, if the transaction still keeps it: a non-2xx final over
     *     UDP is kept only as its octets (parsed back here), and once a 2xx to an INVITE is out
     *     the UAS core keeps it rather than the transaction (RFC 6026 Accepted), so this is empty
     */
    Optional<SipResponse> lastResponse();
}
