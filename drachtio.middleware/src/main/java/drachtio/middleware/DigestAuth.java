package drachtio.middleware;

import drachtio.api.Middleware;
import drachtio.api.Request;
import drachtio.middleware.internal.auth.Algorithm;
import drachtio.middleware.internal.auth.Digest;
import drachtio.middleware.internal.auth.DigestAuthMiddleware;
import drachtio.middleware.internal.auth.DigestSettings;
import drachtio.middleware.internal.auth.FixedRealm;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Digest authentication of incoming requests (RFC 3261 22, RFC 7616, RFC 8760) as middleware.
 *
 * <pre>{@code
 * app.use(Method.REGISTER, DigestAuth.builder()
 *         .realm("dracht.io")
 *         .passwords((realm, user) -> users.passwordOf(user))
 *         .build());
 * app.register((req, res) -> {
 *     String user = req.attribute(AuthenticatedUser.class).orElseThrow().user();
 *     res.send(200);
 * });
 * }</pre>
 *
 * <p><b>What the middleware does.</b> A request without Digest credentials for the realm gets a
 * 401 with one {@code WWW-Authenticate} per algorithm, strongest first (407 and
 * {@code Proxy-Authenticate} with {@link Builder#proxy(boolean) proxy(true)}), each with
 * {@code qop="auth"}, a nonce, an opaque value and the algorithm. Credentials that check out
 * leave an {@link AuthenticatedUser} on the request and pass it on.
 *
 * <p>Nonces are made and checked here: each carries its issue time and an HMAC-SHA256 under a
 * key made per middleware instance, so a nonce from elsewhere (or from before a restart) is
 * refused. A correct response with an expired nonce gets a new challenge with
 * {@code stale=true}. The nonce count is tracked per nonce: a count not above the last one
 * accepted is a replay and gets a new challenge with {@code stale=true} (the response was
 * right, so a genuine client retries without asking its user). Responses without {@code qop}
 * (RFC 2069) are refused, since they carry no count. Tracking memory is bounded: entries go
 * when their nonce expires, and at 100,000 live entries the entry first used longest ago
 * makes room for a new one, its nonce (and any older one not remembered) counting as used up.
 * An entry takes about 34 octets of primitive arrays (3.4 MB at the cap), nothing the collector
 * has to copy.
 *
 * <p><b>Replies.</b> A credentials header that does not parse, or Digest credentials for the
 * realm without username, nonce, uri or response (or with {@code qop} but without a valid
 * {@code nc} and {@code cnonce}), gets {@code 400 Malformed Authorization} (or
 * {@code Proxy-Authorization}); a {@code uri} that is not the Request-URI gets
 * {@code 400 Authorization URI Mismatch} (RFC 2617 3.2.2.5). Every other refusal (wrong
 * password, unknown user, foreign nonce, algorithm not offered) is a fresh challenge, the same
 * for an unknown user as for a wrong password, and computed with the same work. There is no
 * 403 after repeated failures: a UAC does not retry credentials that were refused (RFC 3261
 * 22.2), and limiting guessing belongs in front of the App.
 *
 * <p>Nothing secret is logged: user names, realms and Call-IDs only.
 */
public final class DigestAuth {
    private DigestAuth() {
    }

    /** @return a builder; set a realm and exactly one of passwords or HA1 values */
    public static Builder builder() {
        return new Builder();
    }

    /** Gives passwords in clear for the digest middleware to hash. */
    @FunctionalInterface
    public interface PasswordLookup {
        /**
         * Runs on the request's virtual thread and may block (a database, a directory).
         *
         * @param realm the realm of the credentials
         * @param user the user name from the credentials
         * @return the password, empty when there is no such user
         */
        Optional<String> password(String realm, String user);
    }

    /** Gives stored HA1 values, so that passwords need not be kept in clear. */
    @FunctionalInterface
    public interface Ha1Lookup {
        /**
         * Runs on the request's virtual thread and may block.
         *
         * @param realm the realm of the credentials
         * @param user the user name from the credentials
         * @param algorithm the algorithm the response uses: {@code MD5}, {@code SHA-256} or
         *     {@code SHA-512-256} (a {@code -sess} variant asks for its base algorithm)
         * @return {@code H(user ":" realm ":" password)} in hex with that algorithm's hash,
         *     empty when there is no such user
         */
        Optional<String> ha1(String realm, String user, String algorithm);
    }

    /** Settings of the digest middleware. Not thread-safe; {@link #build()} gives an immutable middleware. */
    public static final class Builder {
        private static final int MAX_TRACKED_NONCES = 100_000;

        private Function<Request, String> realm;
        private PasswordLookup passwords;
        private Ha1Lookup ha1;
        private boolean proxy;
        private List<String> algorithms = List.of("SHA-256", "MD5");
        private Duration nonceTtl = Duration.ofSeconds(300);

        private Builder() {
        }

        /**
         * @param realm the realm of every challenge, e.g. the domain
         * @return this builder
         */
        public Builder realm(String realm) {
            return realm(new FixedRealm(realm));
        }

        /**
         * @param realmOf the realm for a request, e.g. from its Request-URI host; must not
         *     return {@code null}
         * @return this builder
         */
        public Builder realm(Function<Request, String> realmOf) {
            this.realm = Objects.requireNonNull(realmOf, "realmOf");
            return this;
        }

        /**
         * @param lookup gives passwords; replaces an {@link #ha1(Ha1Lookup)} set before
         * @return this builder
         */
        public Builder passwords(PasswordLookup lookup) {
            this.passwords = Objects.requireNonNull(lookup, "lookup");
            this.ha1 = null;
            return this;
        }

        /**
         * @param lookup gives HA1 values; replaces a {@link #passwords(PasswordLookup)} set before
         * @return this builder
         */
        public Builder ha1(Ha1Lookup lookup) {
            this.ha1 = Objects.requireNonNull(lookup, "lookup");
            this.passwords = null;
            return this;
        }

        /**
         * @param proxy {@code true} to challenge as a proxy: 407, {@code Proxy-Authenticate}
         *     and {@code Proxy-Authorization} (default {@code false}: 401, {@code WWW-Authenticate},
         *     {@code Authorization})
         * @return this builder
         */
        public Builder proxy(boolean proxy) {
            this.proxy = proxy;
            return this;
        }

        /**
         * @param names the algorithms to offer and accept, one challenge each, sent strongest
         *     first whatever the order given: {@code SHA-512-256}, {@code SHA-256}, {@code MD5}
         *     and their {@code -sess} variants (default {@code SHA-256, MD5}, RFC 8760 3)
         * @return this builder
         * @throws IllegalArgumentException when one is unknown or the list is empty
         */
        public Builder algorithms(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("algorithms must not be empty");
            }
            names.forEach(Algorithm::parse);
            this.algorithms = List.copyOf(names);
            return this;
        }

        /**
         * @param ttl how long a nonce stays usable (default 300 s)
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder nonceTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("nonce time-to-live must be positive: " + ttl);
            }
            this.nonceTtl = ttl;
            return this;
        }

        /**
         * @return the middleware
         * @throws IllegalStateException when no realm or no password/HA1 lookup was set
         */
        public Middleware build() {
            if (realm == null) {
                throw new IllegalStateException("a realm is required");
            }
            if (passwords == null && ha1 == null) {
                throw new IllegalStateException("passwords(...) or ha1(...) is required");
            }
            List<Algorithm> algs = new ArrayList<>();
            for (String n : algorithms) {
                Algorithm a = Algorithm.parse(n);
                if (!algs.contains(a)) {
                    algs.add(a);
                }
            }
            // strongest first (RFC 8760 3); the sort is stable, so ties keep the order given
            algs.sort((a, b) -> Integer.compare(b.strength(), a.strength()));
            return new DigestAuthMiddleware(new DigestSettings(realm, source(passwords, ha1), proxy, algs,
                    nonceTtl, InstantSource.system(), MAX_TRACKED_NONCES));
        }

        private static DigestSettings.Ha1Source source(PasswordLookup passwords, Ha1Lookup ha1) {
            if (passwords != null) {
                return (realm, user, alg) -> passwords.password(realm, user)
                        .map(p -> Digest.ha1(alg.base(), user, realm, p));
            }
            return (realm, user, alg) -> ha1.ha1(realm, user, alg.base().token())
                    .map(h -> h.strip().toLowerCase(Locale.ROOT));
        }
    }
}
