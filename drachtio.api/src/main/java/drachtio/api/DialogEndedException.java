package drachtio.api;

/**
 * The dialog ended (BYE, timeout, failure, the App closing) before or while it was used: an
 * in-dialog request on an ended dialog, or an answer whose dialog ended before its ACK came.
 */
public final class DialogEndedException extends DialogException {
    private static final long serialVersionUID = 1L;

    /** @param message what was attempted, with the Call-ID */
    public DialogEndedException(String message) {
        super(message, null);
    }
}
