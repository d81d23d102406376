package drachtio.transport.internal.transaction;

import drachtio.api.message.SipResponse;

/**
 * Receives what happens to one client transaction. Called on a network reader thread or the
 * timer thread with the transaction's lock held: implementations must return quickly, never
 * block, and hand application work to another thread.
 */
public interface ClientListener {

    /** @param response a 1xx response */
    void onProvisional(SipResponse response);

    /**
     * Called exactly once, for the first final response, received or made up.
     *
     * @param result the final response and where it came from
     */
    void onFinal(FinalResponse result);

    /**
     * A further 2xx to an INVITE while the transaction is Accepted (RFC 6026 8.4): a forked
     * answer from another UAS, or a retransmission of the first one before its ACK was sent.
     *
     * @param response the 2xx
     */
    default void onAdditional2xx(SipResponse response) {
    }
}
