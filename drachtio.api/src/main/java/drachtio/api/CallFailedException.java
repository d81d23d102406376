package drachtio.api;

import drachtio.api.message.SipResponse;

/**
 * An INVITE ended with a final response other than 2xx, so no dialog was made. Thrown by
 * {@link Uac#call}; carries the response (a 486, a 487 after a cancel, a 408 made by the
 * stack on timeout, ...).
 */
public final class CallFailedException extends DialogException {
    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    /** @param response the final response */
    public CallFailedException(SipResponse response) {
        super("the call failed: " + response.status() + " " + response.reason() + "; Call-ID "
                + response.header("Call-ID").orElse("?"), null);
        this.response = response;
    }

    /** @return the final response */
    public SipResponse response() {
        return response;
    }

    /** @return its status */
    public int status() {
        return response.status();
    }
}
