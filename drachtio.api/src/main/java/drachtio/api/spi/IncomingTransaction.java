package drachtio.api.spi;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;

/** A server transaction: one incoming request and the responses sent to it. */
public interface IncomingTransaction {

    /** @return the request, with {@code received}/{@code rport} on its top Via as needed */
    SipRequest request();

    /** @return where the request came from */
    Source source();

    /**
     * Sends a response, routed back as RFC 3261 18.2.2 says. Provisional responses may be sent
     * any number of times before the final one.
     *
     * @param response a response built from the request (e.g. with {@code SipResponse.replyTo})
     * @return {@code false} when a final response was already sent (for example the 487 the
     *     stack sent on a CANCEL) or the transaction has ended; the response was not sent
     */
    boolean respond(SipResponse response);

    /** @return whether a final response has been sent */
    boolean finalSent();
}
