package drachtio.middleware;

import drachtio.api.Middleware;

/**
 * Builds the registration middleware: for each REGISTER it reads To, Contact and Expires into
 * a {@link Registration}, leaves it as {@code req.attribute(Registration.class)} and passes the
 * request on; other methods pass through untouched. A REGISTER it cannot read is answered
 * {@code 400} with a reason saying what is wrong and goes no further:
 * <ul>
 * <li>To missing or malformed, Call-ID or CSeq missing or malformed;</li>
 * <li>a Contact or Expires header that does not parse, or a Contact {@code expires}
 *     parameter that is not delta-seconds;</li>
 * <li>{@code Contact: *} beside other contacts, or without {@code Expires: 0}
 *     (RFC 3261 10.2.2, 10.3 step 6).</li>
 * </ul>
 *
 * <pre>{@code
 * app.use(Method.REGISTER, RegistrationParser.builder().defaultExpires(1800).build());
 * }</pre>
 *
 * <p>Also installed by name: {@code app.use("registration", Map.of("default-expires", "1800"))}.
 */
public final class RegistrationParser {
    /** The expiry given to a contact when neither its parameter nor the Expires header says. */
    public static final int DEFAULT_EXPIRES = 3600;

    private RegistrationParser() {
    }

    /** @return a builder with a default expiry of {@value #DEFAULT_EXPIRES} seconds */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of the registration middleware. */
    public static final class Builder {
        private int defaultExpires = DEFAULT_EXPIRES;

        private Builder() {
        }

        /**
         * @param seconds the expiry of a contact when neither its {@code expires} parameter
         *     nor the Expires header gives one (RFC 3261 10.3 step 8 leaves it to the registrar)
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder defaultExpires(int seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("default expires must be a positive number of seconds: " + seconds);
            }
            this.defaultExpires = seconds;
            return this;
        }

        /** @return the middleware; it keeps no state between requests and may be shared */
        public Middleware build() {
            return new RegistrationMiddleware(defaultExpires);
        }
    }
}
