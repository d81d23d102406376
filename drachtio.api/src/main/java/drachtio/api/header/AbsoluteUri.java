package drachtio.api.header;

import java.util.Objects;

/**
 * Any absolute URI whose scheme this library does not interpret (RFC 4475 3.3.2:
 * {@code unknownscheme:unknownstuff}), kept as written so an application can answer 416.
 *
 * @param scheme the scheme as written
 * @param specific everything after the first {@code :}
 */
public record AbsoluteUri(String scheme, String specific) implements Uri {

    /** Checks the parts. */
    public AbsoluteUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(specific, "specific");
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("scheme must not be empty");
        }
    }

    @Override
    public String toString() {
        return scheme + ':' + specific;
    }
}
