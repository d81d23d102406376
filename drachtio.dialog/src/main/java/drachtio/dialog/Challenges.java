package drachtio.dialog;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.util.Optional;

/**
 * Answers a 401 or 407 to a request of a dialog with credentials (RFC 3261 22.2), as the App's
 * digest client does for a call made with a login. The dialog layer sends the answer on the
 * dialog's next CSeq, once per request.
 */
@FunctionalInterface
public interface Challenges {
    /**
     * @param sent the request as sent (without the transport's Via)
     * @param challenge the 401 or 407 it got
     * @return the request to send again with credentials, or empty to leave the challenge unanswered
     */
    Optional<SipRequest> answer(SipRequest sent, SipResponse challenge);
}
