package drachtio.api;

import drachtio.api.message.SipMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * Why and how a {@link Dialog} ended.
 *
 * @param reason why it ended
 * @param message the message that ended it, {@code null} when none: the BYE for
 *     {@link Reason#REMOTE_BYE}, the answer to our BYE for {@link Reason#LOCAL_BYE} and
 *     {@link Reason#APP_CLOSED}, the unacknowledged 2xx for {@link Reason#ACK_TIMEOUT}, the
 *     failing response for {@link Reason#TRANSPORT_FAILURE}
 */
public record DialogEnd(Reason reason, SipMessage message) {

    /** Why a dialog ended. */
    public enum Reason {
        /** We sent a BYE ({@link Dialog#bye()}). */
        LOCAL_BYE,
        /** The peer sent a BYE. */
        REMOTE_BYE,
        /** Our 2xx to the INVITE was never acknowledged within 64*T1; we sent a BYE (RFC 3261 13.3.1.4). */
        ACK_TIMEOUT,
        /** An in-dialog request got 481 or timed out (408), or could not be sent (RFC 3261 12.2.1.2). */
        TRANSPORT_FAILURE,
        /** The App closed and ended its dialogs with BYE. */
        APP_CLOSED
    }

    /** Checks the reason. */
    public DialogEnd {
        Objects.requireNonNull(reason, "reason");
    }

    /** @return the message that ended the dialog, when there is one */
    public Optional<SipMessage> cause() {
        return Optional.ofNullable(message);
    }
}
