package drachtio.transport.internal.transaction;

import drachtio.api.header.Via;
import drachtio.api.message.SipRequest;
import java.util.Locale;

/**
 * What identifies a server transaction (RFC 3261 17.2.3). With a magic-cookie branch: the
 * branch, the sent-by and the method (ACK counts as INVITE). Without one (RFC 2543 peers):
 * Request-URI, To tag, From tag, Call-ID, CSeq number, the top Via and the method.
 */
sealed interface ServerKey {

    /** The RFC 3261 key. */
    record Rfc3261(String branch, String sentBy, String method) implements ServerKey {}

    /** The RFC 2543 fallback key. */
    record Rfc2543(String requestUri, String toTag, String fromTag, String callId, long cseq, String topVia,
                   String method) implements ServerKey {}

    /**
     * @param request the request
     * @param method the method of the transaction looked for: INVITE for an ACK, and for a
     *     CANCEL when looking for the INVITE it cancels (9.2)
     * @param toTag the To tag to match; for the ACK of an RFC 2543 INVITE, the INVITE's own
     *     (empty) To tag rather than the ACK's
     * @return the key
     */
    static ServerKey of(SipRequest request, String method, String toTag) {
        Via via = request.topVia();
        if (via.rfc3261Branch()) {
            String sentBy = via.host().toLowerCase(Locale.ROOT) + ':' + via.port();
            return new Rfc3261(via.branch().orElseThrow(), sentBy, method);
        }
        return new Rfc2543(request.uri().toString(), toTag, Messages.fromTag(request), request.callId(),
                request.cseq().sequence(), via.toString(), method);
    }

    /** @return the key's branch, or an empty string for an RFC 2543 key */
    default String branch() {
        return this instanceof Rfc3261 k ? k.branch() : "";
    }
}
