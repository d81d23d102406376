package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.transport.internal.Hop;

/** A client transaction as its sender sees it (RFC 3261 17.1). Safe to use from any thread. */
public interface ClientTransaction {

    /** @return the request the transaction sends */
    SipRequest request();

    /** @return where it goes */
    Hop hop();

    /** @return the branch of the request's top Via */
    String branch();

    /**
     * Cancels a pending INVITE (RFC 3261 9.1): the CANCEL goes out as a transaction of its own
     * once a provisional response has arrived (at once if one already has). If no final
     * response arrives within 64*T1 of the CANCEL, the listener gets a 408.
     *
     * @return whether a CANCEL was sent or will be; {@code false} once a final response arrived
     * @throws UnsupportedOperationException for a non-INVITE transaction
     */
    boolean cancel();

    /** @return whether the transaction reached Terminated */
    boolean terminated();
}
