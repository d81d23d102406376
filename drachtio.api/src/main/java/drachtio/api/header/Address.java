package drachtio.api.header;

import java.util.Objects;
import java.util.Optional;

/**
 * A name-addr or addr-spec with its header parameters, as in From, To, Route, Record-Route,
 * Reply-To, Refer-To or P-Asserted-Identity (RFC 3261 20.10, 25.1).
 *
 * <p>Parameters after the closing {@code >} belong to the header ({@code ;tag=}); those
 * inside belong to the URI (RFC 4475 3.3.12/3.3.13). For an addr-spec without angle brackets
 * every {@code ;} parameter belongs to the header (RFC 3261 20).
 *
 * @param displayName the display name without surrounding quotes and with quoted-pairs
 *     resolved, or {@code null} when there is none
 * @param uri the URI
 * @param parameters the header parameters
 */
public record Address(String displayName, Uri uri, Parameters parameters) {

    /** Checks the parts. */
    public Address {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(parameters, "parameters");
        if (displayName != null && (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("a display name cannot hold CR or LF");
        }
    }

    /**
     * @param uri the URI
     * @return an address with no display name and no parameters
     */
    public static Address of(Uri uri) {
        return new Address(null, uri, Parameters.EMPTY);
    }

    /** @return the {@code tag} parameter (RFC 3261 19.3) */
    public Optional<String> tag() {
        return parameters.get("tag");
    }

    /**
     * @param tag the new tag
     * @return a copy with the {@code tag} parameter set
     */
    public Address withTag(String tag) {
        return new Address(displayName, uri, parameters.with("tag", tag));
    }

    /** @return the display name, or empty */
    public Optional<String> display() {
        return Optional.ofNullable(displayName);
    }

    /** @return the wire form: always a name-addr with angle brackets */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        if (displayName != null) {
            sb.append(Parameters.quote(displayName)).append(' ');
        }
        sb.append('<').append(uri).append('>');
        parameters.appendTo(sb, ';', ';');
    }
}
