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
     * A non-INVITE server transaction over UDP has sent its final response and now only waits
     * out timer J. The layer may take over that wait in a compact form ({@link WaitingServers})
     * and let go of the transaction.
     *
     * @param txn the transaction, Completed
     * @param octets its final response as sent
     * @return whether the layer took the wait over: the transaction then schedules no timer J
     *     and nothing will reach it again; false (the default) leaves the transaction to wait
     */
    default boolean waiting(NonInviteServerTransaction txn, byte[] octets) {
        return false;
    }
}
