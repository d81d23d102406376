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
}
