package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;

/**
 * The layer above the transactions (RFC 3261 17: the TU). Every method is called on a network
 * reader thread or on the timer thread, sometimes with a transaction's lock held: it must
 * return quickly and never block. Run application code on another thread (the App layer
 * uses a virtual thread per request).
 */
public interface TransactionUser {

    /**
     * A new request made a server transaction; answer it through {@link ServerTransaction#respond}.
     *
     * @param txn the transaction
     */
    void onRequest(ServerTransaction txn);

    /**
     * A CANCEL arrived for an INVITE that had no final response yet; the layer has already
     * answered the CANCEL 200 and the INVITE 487 (RFC 3261 9.2).
     *
     * @param invite the cancelled INVITE's transaction
     * @param cancel the CANCEL
     */
    void onCancel(ServerTransaction invite, SipRequest cancel);

    /**
     * An ACK that belongs to no transaction: the ACK for a 2xx (RFC 3261 13.3.1.4, 17.1.1.3).
     *
     * @param ack the ACK
     * @param from where it came from
     */
    void onAck(SipRequest ack, Hop from);

    /**
     * A response that matches no client transaction and was not a 2xx the UAC core re-ACKed
     * (RFC 3261 17.1.3, 13.2.2.4): for example a 2xx after timer M, or a stray.
     *
     * @param response the response
     * @param from where it came from
     */
    void onResponse(SipResponse response, Hop from);

    /**
     * Timer H fired: the final non-2xx response to an INVITE was never acknowledged.
     *
     * @param invite the transaction
     */
    void onTimeout(ServerTransaction invite);

    /**
     * A 2xx to an INVITE was retransmitted for 64*T1 without an ACK (RFC 3261 13.3.1.4): the
     * session should be ended with a BYE.
     *
     * @param invite the transaction
     * @param response the 2xx
     */
    void onAckTimeout(ServerTransaction invite, SipResponse response);

    /**
     * The wait of a 2xx to an INVITE for its ACK is over, for whatever reason: the ACK came,
     * 64*T1 passed, the 2xx could not be sent, or a later 2xx for the same dialog and CSeq took
     * its place. Called once per 2xx, on the thread that ended the wait; must not block.
     *
     * @param invite the transaction that sent the 2xx
     */
    default void onAckWaitOver(ServerTransaction invite) {
    }

    /**
     * A response could not be sent; the transaction has ended.
     *
     * @param txn the transaction
     * @param error why
     */
    void onTransportError(ServerTransaction txn, TransportException error);
}
