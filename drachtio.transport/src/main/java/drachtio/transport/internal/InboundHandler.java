package drachtio.transport.internal;

import drachtio.api.message.SipMessage;

/**
 * Receives every message the network layer parsed: requests with {@code received} and
 * {@code rport} already set on their top Via (RFC 3261 18.2.1, RFC 3581), and responses.
 * Called on a transport's reader thread: must return quickly and never block.
 */
@FunctionalInterface
public interface InboundHandler {

    /**
     * @param message the message
     * @param from where it came from; {@code from.local()} is the listener it arrived on
     */
    void onMessage(SipMessage message, Hop from);
}
