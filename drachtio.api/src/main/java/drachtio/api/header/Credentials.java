package drachtio.api.header;

import java.util.Objects;
import java.util.Optional;

/**
 * An Authorization or Proxy-Authorization value (RFC 3261 20.7/20.28, RFC 7616). Unknown
 * schemes parse too (RFC 4475 3.3.7), their parameters kept as written.
 *
 * @param scheme the scheme as written, e.g. {@code Digest}
 * @param parameters the auth-params, values as written (quoted-strings keep their quotes)
 */
public record Credentials(String scheme, Parameters parameters) {

    /** Checks the parts. */
    public Credentials {
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

    /**
     * @param name an auth-param name
     * @return its value with quotes removed
     */
    public Optional<String> param(String name) {
        return parameters.unquoted(name);
    }

    /** @return the user name, unquoted */
    public Optional<String> username() {
        return param("username");
    }

    /** @return the realm, unquoted */
    public Optional<String> realm() {
        return param("realm");
    }

    /** @return the nonce, unquoted */
    public Optional<String> nonce() {
        return param("nonce");
    }

    /** @return the digest-uri, unquoted */
    public Optional<String> uri() {
        return param("uri");
    }

    /** @return the response digest, unquoted */
    public Optional<String> response() {
        return param("response");
    }

    /** @return the algorithm ({@code MD5} when absent) */
    public String algorithm() {
        return param("algorithm").orElse("MD5");
    }

    @Override
    public String toString() {
        return AuthFormat.format(scheme, parameters);
    }
}
