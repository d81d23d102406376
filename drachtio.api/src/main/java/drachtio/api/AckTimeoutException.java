package drachtio.api;

import drachtio.api.message.SipResponse;

/**
 * Our 2xx to an INVITE was not acknowledged within 64*T1 (RFC 3261 13.3.1.4); the call has
 * been ended with a BYE. Thrown by {@link Response#answer(Parts)}.
 */
public final class AckTimeoutException extends DialogException {
    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    /** @param response the 2xx that was never acknowledged */
    public AckTimeoutException(SipResponse response) {
        super("no ACK for our " + response.status() + " within 64*T1; the call was ended with BYE; Call-ID "
                + response.header("Call-ID").orElse("?"), null);
        this.response = response;
    }

    /** @return the unacknowledged 2xx */
    public SipResponse response() {
        return response;
    }
}
