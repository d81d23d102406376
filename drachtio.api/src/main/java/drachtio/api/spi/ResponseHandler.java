package drachtio.api.spi;

import drachtio.api.message.SipResponse;

/** Receives the responses of one {@link OutgoingTransaction}. Callbacks must return quickly. */
public interface ResponseHandler {

    /**
     * @param response a 1xx response
     */
    default void onProvisional(SipResponse response) {
    }

    /**
     * The final response: received, or made by the stack, a 408 when the transaction timed
     * out (RFC 3261 17.1.1.2, 17.1.2.2) or a 503 when the transport failed (8.1.3.1). Called
     * exactly once.
     *
     * @param response the final response
     * @param outcome whether it was received, or why the stack made it
     */
    void onFinal(SipResponse response, Outcome outcome);

    /**
     * A further 2xx to an INVITE (a fork, or a retransmission before the ACK was sent).
     *
     * @param response the 2xx
     */
    default void onAdditional2xx(SipResponse response) {
    }
}
