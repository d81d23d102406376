package drachtio.api;

/**
 * A dialog could not be set up or used. Unchecked; the subclasses say why.
 */
public abstract sealed class DialogException extends RuntimeException
        permits AckTimeoutException, CallFailedException, DialogEndedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, with the Call-ID
     * @param cause the cause, or {@code null}
     */
    protected DialogException(String message, Throwable cause) {
        super(message, cause);
    }
}
