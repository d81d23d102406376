package drachtio.api.message;

/**
 * Input that does not follow the SIP grammar or the RFC 3261 rules above it.
 *
 * <p>The reason is safe to put in a response's reason phrase or a log: it never echoes the
 * offending bytes. The offset counts from the start of the text that was parsed (the message,
 * or a header value when a value was parsed on its own), -1 when no position applies.
 */
public class SipParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int offset;
    private final int status;

    /**
     * @param reason what is wrong, in a few words
     * @param offset where, or -1
     */
    public SipParseException(String reason, int offset) {
        this(reason, offset, 400, null);
    }

    /**
     * @param reason what is wrong, in a few words
     * @param offset where, or -1
     * @param status the SIP status a server should answer with (400, 505, 513, ...)
     * @param cause an underlying exception, or {@code null}
     */
    public SipParseException(String reason, int offset, int status, Throwable cause) {
        super(offset >= 0 ? reason + " (offset " + offset + ")" : reason, cause);
        this.reason = reason;
        this.offset = offset;
        this.status = status;
    }

    /** @return what is wrong, without the offset */
    public String reason() {
        return reason;
    }

    /** @return the offset of the problem, or -1 */
    public int offset() {
        return offset;
    }

    /** @return the status code a server answers this with: 400 unless a more precise one applies */
    public int status() {
        return status;
    }

    /**
     * @param base the offset of the parsed text within a larger one
     * @return the same error with its offset moved by {@code base}
     */
    public SipParseException shift(int base) {
        if (offset < 0 || base == 0) {
            return this;
        }
        return new SipParseException(reason, offset + base, status, getCause() == null ? this : getCause());
    }
}
