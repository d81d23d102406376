package drachtio.middleware;

import java.util.Objects;

/**
 * Who a request was authenticated as; {@link DigestAuth}'s middleware leaves it on the request
 * for later handlers: {@code req.attribute(AuthenticatedUser.class)}.
 *
 * @param user the user name from the credentials
 * @param realm the realm they were checked in
 * @param algorithm the digest algorithm the response was computed with, e.g. {@code SHA-256}
 */
public record AuthenticatedUser(String user, String realm, String algorithm) {

    /** Checks the parts. */
    public AuthenticatedUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(algorithm, "algorithm");
    }
}
