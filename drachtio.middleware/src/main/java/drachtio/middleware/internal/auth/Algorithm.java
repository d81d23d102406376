package drachtio.middleware.internal.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms understood here (RFC 7616 3.3, RFC 8760 2), strongest last in
 * declaration order so {@link #strength()} can rank challenges.
 */
public enum Algorithm {
    /** MD5 (RFC 2617), the default when a challenge names none. */
    MD5("MD5", "MD5", false, 1),
    /** MD5 with the session HA1. */
    MD5_SESS("MD5-sess", "MD5", true, 1),
    /** SHA-256 (RFC 7616, RFC 8760). */
    SHA_256("SHA-256", "SHA-256", false, 2),
    /** SHA-256 with the session HA1. */
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    /** SHA-512/256 (RFC 7616, RFC 8760). */
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 3),
    /** SHA-512/256 with the session HA1. */
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 3);

    private final String token;
    private final String jdkName;
    private final boolean session;
    private final int strength;

    Algorithm(String token, String jdkName, boolean session, int strength) {
        this.token = token;
        this.jdkName = jdkName;
        this.session = session;
        this.strength = strength;
    }

    /**
     * @param text an algorithm token as written in a header, any case
     * @return the algorithm, empty when it is not one of these
     */
    public static Optional<Algorithm> of(String text) {
        for (Algorithm a : values()) {
            if (a.token.equalsIgnoreCase(text.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * @param text an algorithm token
     * @return the algorithm
     * @throws IllegalArgumentException when it is not one of these
     */
    public static Algorithm parse(String text) {
        return of(text).orElseThrow(() -> new IllegalArgumentException(
                "unsupported digest algorithm: " + text.toUpperCase(Locale.ROOT)));
    }

    /** @return the token as written in headers, e.g. {@code SHA-256-sess} */
    public String token() {
        return token;
    }

    /** @return the {@link java.security.MessageDigest} name of the hash */
    String jdkName() {
        return jdkName;
    }

    /** @return whether HA1 is the session variant (RFC 7616 3.4.2) */
    public boolean session() {
        return session;
    }

    /** @return how strong the hash is: higher wins when several challenges are offered */
    public int strength() {
        return strength;
    }

    /** @return the algorithm without the session variant, e.g. {@code SHA-256} for {@code SHA-256-sess} */
    public Algorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
            case SHA_512_256, SHA_512_256_SESS -> SHA_512_256;
        };
    }

    @Override
    public String toString() {
        return token;
    }
}
