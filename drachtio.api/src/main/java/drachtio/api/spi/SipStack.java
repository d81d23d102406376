package drachtio.api.spi;

import drachtio.api.Listen;
import drachtio.api.message.SipRequest;
import java.time.Duration;
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
     * Runs a task once after a delay, on a thread of the stack's: the task must return at once
     * (start a virtual thread for anything that blocks). The layers above use it for their
     * backstops, e.g. the dialog layer's wait for an ACK, so that a call in progress costs no
     * timed park of its own. The default runs on one shared daemon thread; a stack with a timer
     * of its own (the embedded stack's timing wheel) should use that.
     *
     * @param delay how long from now; negative counts as zero
     * @param task what to run
     * @return the handle to cancel it
     */
    default Scheduled schedule(Duration delay, Runnable task) {
        return DefaultTimer.schedule(delay, task);
    }

    /** A task {@link #schedule scheduled} on the stack's timer. */
    @FunctionalInterface
    interface Scheduled {
        /** Cancels the task if it has not run; harmless afterwards. */
        void cancel();
    }

    /**
     * Stops listening, lets transactions in flight finish within the configured grace, then
     * closes every socket and thread. Idempotent.
     */
    @Override
    void close();
}
