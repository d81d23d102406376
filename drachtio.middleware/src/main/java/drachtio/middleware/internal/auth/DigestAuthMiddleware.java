package drachtio.middleware.internal.auth;

import drachtio.api.Middleware;
import drachtio.api.Next;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.header.Credentials;
import drachtio.api.header.Parameters;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.internal.app.AtOnce;
import drachtio.parser.Grammars;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of digest authentication (RFC 3261 22.1, RFC 7616 3.3-3.5, RFC 8760 3).
 * Answers requests without valid credentials for its realm with a challenge per algorithm,
 * and passes the others on with an {@link AuthenticatedUser} attribute. Every refusal of
 * credentials that parse is a fresh challenge, the same whether the user is unknown or the
 * password wrong; malformed credentials get a 400. Never logs passwords, HA1s or responses.
 */
public final class DigestAuthMiddleware implements Middleware, AtOnce {
    private static final Logger LOG = LoggerFactory.getLogger(DigestAuthMiddleware.class);
    private static final SecureRandom RNG = new SecureRandom();

    private final DigestSettings settings;
    private final Nonces nonces;
    private final String opaque;
    private final String challengeName;
    private final String credentialsName;
    private final int status;
    /** HA1 values for no user, so an unknown user costs the same work as a wrong password. */
    private final Map<Algorithm, String> decoys = new EnumMap<>(Algorithm.class);

    /** @param settings what to check against */
    public DigestAuthMiddleware(DigestSettings settings) {
        this.settings = settings;
        this.nonces = new Nonces(settings.nonceTtl(), settings.clock(), settings.maxTrackedNonces());
        byte[] o = new byte[12];
        RNG.nextBytes(o);
        this.opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(o);
        this.challengeName = settings.proxy() ? "Proxy-Authenticate" : "WWW-Authenticate";
        this.credentialsName = settings.proxy() ? "Proxy-Authorization" : "Authorization";
        this.status = settings.proxy() ? 407 : 401;
        for (Algorithm a : Algorithm.values()) {
            byte[] r = new byte[16];
            RNG.nextBytes(r);
            decoys.put(a, Digest.hash(a, r));
        }
    }

    @Override
    public void handle(Request req, Response res, Next next) {
        String realm = settings.realm().apply(req);
        if (realm == null) {
            throw new IllegalStateException("the realm function returned null");
        }
        Credentials creds;
        try {
            creds = ours(req, realm);
        } catch (IllegalArgumentException e) {
            LOG.debug("digest: malformed {} (Call-ID {})", credentialsName, req.callId());
            res.send(400, "Malformed " + credentialsName);
            return;
        }
        if (creds == null) {
            challenge(req, res, realm, false, "no credentials for the realm");
            return;
        }
        Verdict v = verify(req, realm, creds);
        switch (v) {
            case MALFORMED -> {
                LOG.debug("digest: incomplete {} (Call-ID {})", credentialsName, req.callId());
                res.send(400, "Malformed " + credentialsName);
            }
            case URI_MISMATCH -> {
                LOG.debug("digest: uri does not match the Request-URI (Call-ID {})", req.callId());
                res.send(400, "Authorization URI Mismatch");
            }
            case REFUSED -> challenge(req, res, realm, false, "credentials refused");
            case STALE -> challenge(req, res, realm, true, "nonce expired or used up");
            case OK -> {
                String user = creds.username().orElseThrow();
                Algorithm alg = Algorithm.parse(creds.algorithm());
                LOG.debug("digest: {} authenticated in {} with {} (Call-ID {})", user, realm, alg, req.callId());
                req.attribute(AuthenticatedUser.class, new AuthenticatedUser(user, realm, alg.token()));
                next.proceed();
            }
        }
    }

    /**
     * Challenges, on the thread that read it, a request with no credentials header at all when
     * the realm is fixed; anything else (credentials to check, a realm function to call) waits
     * for the request's virtual thread.
     */
    @Override
    public boolean answerAtOnce(Request req, Response res) {
        if (!(settings.realm() instanceof FixedRealm fixed) || req.header(credentialsName).isPresent()) {
            return false;
        }
        challenge(req, res, fixed.realm(), false, "no credentials");
        return true;
    }

    private enum Verdict { OK, MALFORMED, URI_MISMATCH, REFUSED, STALE }

    /**
     * @return the first Digest credentials for the realm, or {@code null}
     * @throws IllegalArgumentException when a credentials header does not parse
     */
    private Credentials ours(Request req, String realm) {
        for (String value : req.headers(credentialsName)) {
            Credentials c = Grammars.CREDENTIALS.tryParse(value)
                    .orElseThrow(() -> new IllegalArgumentException("malformed"));
            if (c.digest() && c.realm().map(realm::equals).orElse(false)) {
                return c;
            }
        }
        return null;
    }

    private Verdict verify(Request req, String realm, Credentials c) {
        Optional<String> user = c.username();
        Optional<String> nonce = c.nonce();
        Optional<String> uri = c.uri();
        Optional<String> response = c.response();
        if (user.isEmpty() || user.get().isEmpty() || nonce.isEmpty() || uri.isEmpty() || response.isEmpty()) {
            return Verdict.MALFORMED;
        }
        Optional<String> qopText = c.param("qop");
        Qop qop = null;
        long nc = 0;
        if (qopText.isPresent()) {
            Optional<String> ncText = c.param("nc");
            if (ncText.isEmpty() || c.param("cnonce").isEmpty() || !hex8(ncText.get())) {
                return Verdict.MALFORMED;
            }
            nc = Long.parseLong(ncText.get(), 16);
            qop = Qop.of(qopText.get()).orElse(null);
            if (qop == null) {
                return Verdict.REFUSED;
            }
        }
        if (!UriMatch.same(uri.get(), req.uri())) {
            return Verdict.URI_MISMATCH;
        }
        Optional<Algorithm> alg = Algorithm.of(c.algorithm()).filter(settings.algorithms()::contains);
        if (alg.isEmpty() || qop == null) {
            // an algorithm we did not offer, or no qop (RFC 2069): without nc a replay cannot be seen
            return Verdict.REFUSED;
        }
        if (c.param("opaque").map(o -> !o.equals(opaque)).orElse(false)) {
            return Verdict.REFUSED;
        }
        Nonces.Status ns = nonces.check(realm, nonce.get());
        if (ns == Nonces.Status.FORGED) {
            LOG.debug("digest: nonce not made here for {} (Call-ID {})", realm, req.callId());
            return Verdict.REFUSED;
        }
        Algorithm a = alg.get();
        String stored = settings.credentials().ha1(realm, user.get(), a).orElse(null);
        boolean known = stored != null;
        String ha1 = Digest.sessionHa1(a, known ? stored : decoys.get(a), nonce.get(), c.param("cnonce").orElse(""));
        String ha2 = Digest.ha2(a, qop, req.method().name(), uri.get(), req.body());
        String expected = Digest.response(a, ha1, nonce.get(), c.param("nc").orElseThrow(),
                c.param("cnonce").orElseThrow(), qop, ha2);
        boolean correct = Digest.matches(expected, response.get());
        if (!correct || !known) {
            LOG.info("digest: wrong credentials for user {} in {} (Call-ID {})", user.get(), realm, req.callId());
            return Verdict.REFUSED;
        }
        if (ns == Nonces.Status.EXPIRED) {
            return Verdict.STALE;
        }
        if (!nonces.advance(nonce.get(), nc)) {
            LOG.info("digest: nonce count not above the last one seen for user {} (Call-ID {})",
                    user.get(), req.callId());
            return Verdict.STALE;
        }
        return Verdict.OK;
    }

    private void challenge(Request req, Response res, String realm, boolean stale, String why) {
        String nonce = nonces.issue(realm);
        Parts parts = Parts.NONE;
        for (Algorithm a : settings.algorithms()) {
            parts = parts.with(challengeName, challengeValue(realm, nonce, a, stale));
        }
        LOG.debug("digest: {} challenge{} in {}: {} (Call-ID {})", status, stale ? " (stale)" : "", realm,
                why, req.callId());
        res.send(status, null, parts);
    }

    private String challengeValue(String realm, String nonce, Algorithm a, boolean stale) {
        StringBuilder sb = new StringBuilder(160).append("Digest realm=").append(Parameters.quote(realm))
                .append(", qop=\"auth\", nonce=\"").append(nonce)
                .append("\", opaque=\"").append(opaque)
                .append("\", algorithm=").append(a.token());
        if (stale) {
            sb.append(", stale=true");
        }
        return sb.toString();
    }

    private static boolean hex8(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the tracked-nonce count, for tests */
    int rememberedNonces() {
        return nonces.remembered();
    }
}
