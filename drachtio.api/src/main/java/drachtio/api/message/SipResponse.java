package drachtio.api.message;

import java.util.Objects;

/** An immutable SIP response (RFC 3261 7.2). */
public final class SipResponse implements SipMessage {
    private final int status;
    private final String reason;
    private final String version;
    private final Headers headers;
    private final WireForm wire;

    private SipResponse(int status, String reason, String version, Headers headers, WireForm wire) {
        this.status = status;
        this.reason = reason;
        this.version = version;
        this.headers = headers;
        this.wire = wire;
    }

    /**
     * A response over received octets, for parser implementations; the array is handed over.
     *
     * @param status the status code
     * @param reason the reason phrase, possibly empty
     * @param version the version text of the status line
     * @param headers the headers over the same octets
     * @param source the octets
     * @param start where the message starts in them
     * @param bodyStart where its body starts
     * @param end where it ends (exclusive)
     * @return the response
     */
    public static SipResponse ofWire(int status, String reason, String version, Headers headers,
                                     byte[] source, int start, int bodyStart, int end) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.checkFromToIndex(start, end, source.length);
        Objects.checkFromToIndex(bodyStart, end, source.length);
        return new SipResponse(status, reason, version, headers, new WireForm(source, start, bodyStart, end));
    }

    /**
     * @param status the status code, 100 to 699
     * @return a builder with the standard reason phrase
     */
    public static Builder builder(int status) {
        return new Builder(status);
    }

    /**
     * A response to a request, with Via, From, To, Call-ID and CSeq copied from it as RFC 3261
     * 8.2.6.2 requires (and Timestamp for a 100, 8.2.6.1).
     *
     * @param request the request answered
     * @param status the status code
     * @return the builder, ready for more headers
     */
    public static Builder replyTo(SipRequest request, int status) {
        Builder b = new Builder(status);
        Headers h = request.headers();
        for (int i = 0; i < h.size(); i++) {
            String key = HeaderNames.key(h.name(i));
            boolean copy = switch (key) {
                case "via", "from", "to", "call-id", "cseq" -> true;
                case "timestamp" -> status == 100;
                default -> false;
            };
            if (copy) {
                b.header(h.name(i), h.value(i));
            }
        }
        return b;
    }

    /** @return a builder holding this response's status, reason, header fields and body */
    public Builder toBuilder() {
        Builder b = new Builder(status).reason(reason);
        b.copy(this);
        return b;
    }

    /** @return the status code */
    public int status() {
        return status;
    }

    /** @return the reason phrase, possibly empty */
    public String reason() {
        return reason;
    }

    /** @return whether the status is 100 to 199 */
    public boolean provisional() {
        return status < 200;
    }

    /** @return whether the status is 200 to 299 */
    public boolean success() {
        return status >= 200 && status < 300;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public byte[] toBytes() {
        return wire.bytes();
    }

    @Override
    public int bodyLength() {
        return wire.bodyLength();
    }

    @Override
    public byte[] body() {
        return wire.body();
    }

    /** @return the status line */
    public String statusLine() {
        return version + " " + status + " " + reason;
    }

    @Override
    public String toString() {
        return statusLine();
    }

    /** Builds a response; Content-Length is computed. */
    public static final class Builder extends MessageBuilder<Builder> {
        private final int status;
        private String reason;

        private Builder(int status) {
            if (status < 100 || status > 699) {
                throw new IllegalArgumentException("status must be 100 to 699: " + status);
            }
            this.status = status;
            this.reason = ReasonPhrases.of(status);
        }

        /**
         * @param text the reason phrase, without line breaks or other control characters but tab
         * @return this builder
         */
        public Builder reason(String text) {
            if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                // RFC 3261 25.1: a line break would end the status line, any other control
                // character makes a status line no parser accepts
                throw new IllegalArgumentException("reason phrase holds a line break or a control character");
            }
            this.reason = text;
            return this;
        }

        /** @return the response */
        public SipResponse build() {
            Headers h = buildHeaders();
            String line = "SIP/2.0 " + status + " " + reason;
            return new SipResponse(status, reason, "SIP/2.0", h, WireForm.encode(line, h, body));
        }
    }
}
