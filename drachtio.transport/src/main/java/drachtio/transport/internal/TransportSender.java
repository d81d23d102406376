package drachtio.transport.internal;

import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;

/** What the transaction layer needs from the network below it. */
public interface TransportSender {

    /**
     * Sends a message. Requests go to {@code hop.remote()}; responses are routed by the caller
     * (RFC 3261 18.2.2) and also go to {@code hop.remote()}. Over TCP an existing connection to
     * the peer is reused, or one is opened.
     *
     * @param message the message
     * @param hop where to
     * @throws TransportException when it cannot be sent
     */
    void send(SipMessage message, Hop hop);

    /**
     * Sends a message already encoded, as a transaction waiting out its timers keeps it: a
     * retransmission, or the same octets once more. Over TCP an existing connection to
     * {@code hop.remote()} is reused, or one is opened to that address.
     *
     * @param octets the whole message, exactly as it goes on the wire
     * @param hop where to
     * @throws TransportException when it cannot be sent
     */
    void send(byte[] octets, Hop hop);

    /**
     * The Via a request sent over this hop must carry on top (RFC 3261 18.1.1): our sent-by for
     * that transport, the branch, and {@code rport} (RFC 3581).
     *
     * @param hop where the request goes
     * @param branch the branch, starting with the magic cookie
     * @return the Via
     */
    Via via(Hop hop, String branch);
}
