package drachtio.middleware.internal.auth;

import drachtio.api.Request;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the server-side digest middleware is built from; the public builder
 * ({@link drachtio.middleware.DigestAuth}) makes one, tests make their own with a clock.
 *
 * @param realm the realm for a request
 * @param credentials the stored HA1 for (realm, user, algorithm); may block
 * @param proxy 407 and the Proxy- headers instead of 401
 * @param algorithms offered, one challenge each, in this order
 * @param nonceTtl how long a nonce may be used
 * @param clock the time nonces are stamped and checked with
 * @param maxTrackedNonces how many used nonces are remembered for replay detection
 */
public record DigestSettings(Function<Request, String> realm, Ha1Source credentials, boolean proxy,
                             List<Algorithm> algorithms, Duration nonceTtl, InstantSource clock,
                             int maxTrackedNonces) {

    /** Where HA1 values come from. */
    @FunctionalInterface
    public interface Ha1Source {
        /**
         * @param realm the realm
         * @param user the user name
         * @param algorithm the algorithm (its base hash decides the HA1)
         * @return {@code H(user:realm:password)} as lower-case hex, empty for an unknown user
         */
        Optional<String> ha1(String realm, String user, Algorithm algorithm);
    }

    /** Checks the settings. */
    public DigestSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(credentials, "credentials");
        algorithms = List.copyOf(algorithms);
        Objects.requireNonNull(nonceTtl, "nonceTtl");
        Objects.requireNonNull(clock, "clock");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm is needed");
        }
        if (nonceTtl.isNegative() || nonceTtl.isZero()) {
            throw new IllegalArgumentException("nonce time-to-live must be positive: " + nonceTtl);
        }
        if (maxTrackedNonces < 2) {
            throw new IllegalArgumentException("maxTrackedNonces must be at least 2: " + maxTrackedNonces);
        }
    }
}
