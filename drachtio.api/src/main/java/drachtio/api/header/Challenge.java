package drachtio.api.header;

import java.util.Objects;
import java.util.Optional;

/**
 * A WWW-Authenticate or Proxy-Authenticate value (RFC 3261 20.27/20.44, RFC 7616, RFC 8760).
 *
 * @param scheme the scheme as written, e.g. {@code Digest}
 * @param parameters the auth-params, values as written (quoted-strings keep their quotes)
 */
public record Challenge(String scheme, Parameters parameters) {

    /** Checks the parts. */
    public Challenge {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(parameters, "parameters");
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("scheme must not be empty");
        }
    }

    /** @return whether the scheme is Digest */
    public boolean digest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** @return the realm, unquoted */
    public Optional<String> realm() {
        return parameters.unquoted("realm");
    }

    /** @return the nonce, unquoted */
    public Optional<String> nonce() {
        return parameters.unquoted("nonce");
    }

    /** @return the opaque value, unquoted */
    public Optional<String> opaque() {
        return parameters.unquoted("opaque");
    }

    /** @return the algorithm ({@code MD5} when absent, RFC 7616 3.3) */
    public String algorithm() {
        return parameters.unquoted("algorithm").orElse("MD5");
    }

    /** @return the qop options as the raw comma list, unquoted */
    public Optional<String> qop() {
        return parameters.unquoted("qop");
    }

    /** @return whether {@code stale=true} */
    public boolean stale() {
        return parameters.unquoted("stale").map("true"::equalsIgnoreCase).orElse(false);
    }

    @Override
    public String toString() {
        return AuthFormat.format(scheme, parameters);
    }
}
