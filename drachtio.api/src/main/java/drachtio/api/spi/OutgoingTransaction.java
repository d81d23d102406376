package drachtio.api.spi;

import drachtio.api.message.SipRequest;

/** A client transaction the application started with {@link SipStack#send}. */
public interface OutgoingTransaction {

    /** @return the request as sent, with the stack's Via on top */
    SipRequest request();

    /**
     * Cancels a pending INVITE (RFC 3261 9.1): a CANCEL is sent once a provisional response
     * has arrived; the INVITE is then expected to end with 487.
     *
     * @return {@code false} when a final response already arrived
     * @throws UnsupportedOperationException for methods other than INVITE
     */
    boolean cancel();

    /**
     * A transaction whose final response has already been given (a stack that answered at once,
     * or could not send the request at all): nothing is left to cancel.
     *
     * @param request the request as sent
     * @return the transaction; its {@code cancel()} does nothing and returns {@code false}
     */
    static OutgoingTransaction answered(SipRequest request) {
        return new OutgoingTransaction() {
            @Override
            public SipRequest request() {
                return request;
            }

            @Override
            public boolean cancel() {
                return false;
            }
        };
    }
}
