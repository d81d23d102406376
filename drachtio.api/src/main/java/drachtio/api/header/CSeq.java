package drachtio.api.header;

import java.util.Objects;

/**
 * The CSeq header (RFC 3261 20.16): a sequence number and the request method.
 *
 * @param sequence the number; values of 2^31 and above parse but fail validation
 *     (RFC 3261 8.1.1.5, RFC 4475 3.1.2.4)
 * @param method the method, case-sensitive
 */
public record CSeq(long sequence, String method) {

    /** Checks the parts. */
    public CSeq {
        Objects.requireNonNull(method, "method");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        if (method.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
    }

    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
