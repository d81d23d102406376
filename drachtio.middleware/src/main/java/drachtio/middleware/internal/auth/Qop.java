package drachtio.middleware.internal.auth;

import java.util.Optional;

/** The quality of protection a digest response was computed with (RFC 7616 3.3). */
public enum Qop {
    /** Authentication of the request line only. */
    AUTH("auth"),
    /** Authentication with integrity protection of the body. */
    AUTH_INT("auth-int");

    private final String token;

    Qop(String token) {
        this.token = token;
    }

    /**
     * @param text a qop token, any case
     * @return the qop, empty when unknown
     */
    public static Optional<Qop> of(String text) {
        for (Qop q : values()) {
            if (q.token.equalsIgnoreCase(text.strip())) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** @return the token as written in headers */
    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return token;
    }
}
