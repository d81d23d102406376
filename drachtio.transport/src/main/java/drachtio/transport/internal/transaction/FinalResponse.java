package drachtio.transport.internal.transaction;

import drachtio.api.message.SipResponse;
import drachtio.transport.internal.TransportException;
import java.util.Objects;

/**
 * How a client transaction ended, always as a response so that callers handle one shape:
 * a received final response, or one the transaction made up (RFC 3261 8.1.3.1: 408 on a
 * timeout, 503 on a transport error).
 *
 * @param response the response
 * @param cause where it came from
 * @param error the transport failure for {@link Cause#TRANSPORT_ERROR}, otherwise {@code null}
 */
public record FinalResponse(SipResponse response, Cause cause, TransportException error) {

    /** Where a final response came from. */
    public enum Cause {
        /** Received from the network. */
        RECEIVED,
        /** Made up: timer B or F fired, or a cancelled INVITE got no final response (408). */
        TIMEOUT,
        /** Made up: the request could not be sent (503). */
        TRANSPORT_ERROR
    }

    /** Checks the parts. */
    public FinalResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(cause, "cause");
        if ((cause == Cause.TRANSPORT_ERROR) != (error != null)) {
            throw new IllegalArgumentException("a transport error, and only that, carries the exception");
        }
    }

    /** @return whether the response was made up rather than received */
    public boolean synthesized() {
        return cause != Cause.RECEIVED;
    }
}
