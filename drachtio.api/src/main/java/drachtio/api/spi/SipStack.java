package drachtio.api.spi;

import drachtio.api.Listen;
import drachtio.api.message.SipRequest;
import java.util.List;

/**
 * A running SIP stack as the layers above transactions see it: server transactions in,
 * client transactions out, 2xx ACKs and stray responses to the side (RFC 6026). Every
 * method is safe to call from any thread.
 */
public interface SipStack extends AutoCloseable {

    /**
     * Binds the configured listeners and starts delivering to the handler.
     *
     * @param handler receives new requests and transaction-less messages
     * @return the addresses bound, ephemeral ports resolved
     * @throws java.io.UncheckedIOException when a listener cannot bind
     */
    List<Listen> start(StackHandler handler);

    /** @return the addresses bound (empty before {@link #start}) */
    List<Listen> listening();

    /**
     * Sends a request in a new client transaction. The stack picks the next hop from the first
     * Route (loose routing) or else the Request-URI (A/AAAA lookup, default port 5060, the URI's
     * transport parameter or UDP, TCP above the MTU rule), adds its top Via with a fresh branch,
     * and Max-Forwards 70 when absent. Do not send ACK this way.
     *
     * @param request the request without our Via
     * @param handler receives the responses
     * @return the transaction, to cancel it
     */
    OutgoingTransaction send(SipRequest request, ResponseHandler handler);

    /**
     * Sends the ACK for a 2xx (it is not part of any transaction) and keeps it to answer
     * retransmissions of that 2xx (RFC 3261 13.2.2.4). Routed like {@link #send}.
     *
     * @param ack the ACK without our Via
     */
    void sendAck(SipRequest ack);

    /**
     * Stops listening, lets transactions in flight finish within the configured grace, then
     * closes every socket and thread. Idempotent.
     */
    @Override
    void close();
}
