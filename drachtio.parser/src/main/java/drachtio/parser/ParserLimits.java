package drachtio.parser;

/**
 * Per-parser limits. Input over a limit is refused with a
 * {@link drachtio.api.message.SipParseException} whose status is 513 (message size) or 400.
 *
 * @param maxMessageSize the largest message, start line to end of body, in octets
 * @param maxHeaders the most header fields in one message
 * @param maxLineLength the longest start line or header field, folded lines counted together
 */
public record ParserLimits(int maxMessageSize, int maxHeaders, int maxLineLength) {
    private static final ParserLimits DEFAULTS = new ParserLimits(65_535, 256, 16_384);

    /** Checks the values. */
    public ParserLimits {
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize must be at least 64: " + maxMessageSize);
        }
        if (maxHeaders < 1) {
            throw new IllegalArgumentException("maxHeaders must be positive: " + maxHeaders);
        }
        if (maxLineLength < 32) {
            throw new IllegalArgumentException("maxLineLength must be at least 32: " + maxLineLength);
        }
    }

    /** @return 65,535 octets, 256 headers, 16,384 octets a line */
    public static ParserLimits defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ParserLimits}. */
    public static final class Builder {
        private int maxMessageSize = DEFAULTS.maxMessageSize;
        private int maxHeaders = DEFAULTS.maxHeaders;
        private int maxLineLength = DEFAULTS.maxLineLength;

        private Builder() {
        }

        /**
         * @param octets the largest message
         * @return this builder
         */
        public Builder maxMessageSize(int octets) {
            this.maxMessageSize = octets;
            return this;
        }

        /**
         * @param count the most header fields
         * @return this builder
         */
        public Builder maxHeaders(int count) {
            this.maxHeaders = count;
            return this;
        }

        /**
         * @param octets the longest line
         * @return this builder
         */
        public Builder maxLineLength(int octets) {
            this.maxLineLength = octets;
            return this;
        }

        /** @return the limits, checked */
        public ParserLimits build() {
            return new ParserLimits(maxMessageSize, maxHeaders, maxLineLength);
        }
    }
}
