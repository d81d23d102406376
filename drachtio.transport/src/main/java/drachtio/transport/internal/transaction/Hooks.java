package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;

/**
 * How a state machine reaches the layer that owns it. Called with the transaction's lock
 * held: implementations return quickly and never call back into the same transaction
 * from another thread while waiting.
 */
interface Hooks {

    /** @param txn a transaction that reached Terminated: forget it */
    void terminated(Transaction<?> txn);

    /** @param txn an INVITE server transaction whose final response was never acknowledged (timer H) */
    void timeout(ServerTransaction txn);

    /**
     * @param txn a server transaction that could not send its response
     * @param error why
     */
    void transportError(ServerTransaction txn, TransportException error);

    /**
     * An INVITE server transaction is about to send a 2xx: the UAS core keeps it alive until
     * the ACK (RFC 3261 13.3.1.4). Called before the 2xx goes out, because on loopback the
     * ACK can arrive before the send returns.
     *
     * @param txn the transaction
     * @param response the 2xx
     */
    void sending2xx(InviteServerTransaction txn, SipResponse response);

    /**
     * The 2xx announced by {@link #sending2xx} could not be sent: forget it.
     *
     * @param txn the transaction
     * @param response the 2xx
     */
    void unsent2xx(InviteServerTransaction txn, SipResponse response);

    /**
     * An INVITE client transaction needs its CANCEL sent as a transaction of its own (9.1).
     *
     * @param cancel the CANCEL
     * @param hop where the INVITE went
     */
    void sendCancel(SipRequest cancel, Hop hop);

    /**
     * A server transaction now only waits out its last timer: a non-INVITE one in Completed
     * (timer J), answering retransmissions of its request with its final response, or an
     * INVITE one in Accepted (timer L, RFC 6026), absorbing them. Both wait 64*T1. The layer
     * may take that wait over in a compact form ({@link WaitingServers}) and let go of the
     * transaction; it does so only over UDP (over TCP nothing is retransmitted).
     *
     * @param txn the transaction
     * @param octets the final response as sent, to send again; null to absorb retransmissions
     * @return whether the layer took the wait over: the transaction then schedules no timer
     *     and no retransmission reaches it again; false (the default) leaves it to wait
     */
    default boolean waiting(Transaction<?> txn, byte[] octets) {
        return false;
    }
}
