package drachtio.middleware.internal.auth;

import drachtio.api.Login;
import drachtio.api.header.CSeq;
import drachtio.api.header.Challenge;
import drachtio.api.header.Credentials;
import drachtio.api.header.Parameters;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.Grammars;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client side of digest authentication (RFC 3261 22.2-22.3, RFC 7616 3.4, RFC 8760): turns
 * a request and the 401 or 407 it got into the request to send again with credentials.
 *
 * <p>Both kinds of challenge in the response are answered ({@code WWW-Authenticate} with
 * {@code Authorization}, {@code Proxy-Authenticate} with {@code Proxy-Authorization}: a forking
 * proxy may gather both into one response, RFC 3261 22.3), one set of credentials per realm.
 * Within a realm the strongest supported algorithm wins (SHA-512-256 before SHA-256 before
 * MD5; the first of equals). The qop is {@code auth} when offered, else {@code auth-int} (the
 * body is hashed), else none (RFC 2069); a challenge offering only other qops is skipped.
 * Never logs: every value it computes is derived from a password.
 */
public final class ClientDigest {
    private static final SecureRandom RNG = new SecureRandom();
    private static final String FIRST_NC = "00000001";

    private ClientDigest() {
    }

    /**
     * @param sent the request as sent, without the transport's Via
     * @param challenge the 401 or 407 it got
     * @param logins the login for a realm, or empty to leave that realm's challenge unanswered;
     *     called at most once per realm, may block
     * @return the request to send again: the same Call-ID, From, To and body, CSeq one higher,
     *     credentials for each answered realm in place of earlier ones for that realm; empty
     *     when the response is not a 401 or 407, or no challenge in it could be answered
     * @throws IllegalArgumentException when {@code sent} has no CSeq
     */
    public static Optional<SipRequest> authorize(SipRequest sent, SipResponse challenge,
                                                 Function<String, Optional<Login>> logins) {
        if (challenge.status() != 401 && challenge.status() != 407) {
            return Optional.empty();
        }
        Map<String, Optional<Login>> asked = new HashMap<>();
        Function<String, Optional<Login>> once = realm -> asked.computeIfAbsent(realm, logins);
        List<Answer> added = new ArrayList<>();
        answer(sent, challenge, "WWW-Authenticate", "Authorization", once, added);
        answer(sent, challenge, "Proxy-Authenticate", "Proxy-Authorization", once, added);
        if (added.isEmpty()) {
            return Optional.empty();
        }
        CSeq cseq = sent.headers().first("CSeq", CSeq.class)
                .orElseThrow(() -> new IllegalArgumentException("the request has no CSeq"));
        SipRequest.Builder b = sent.toBuilder();
        for (String name : List.of("Authorization", "Proxy-Authorization")) {
            List<String> realms = added.stream().filter(a -> a.header().equals(name)).map(Answer::realm).toList();
            if (realms.isEmpty()) {
                continue;
            }
            List<String> kept = sent.headers().all(name).stream()
                    .filter(v -> Grammars.CREDENTIALS.tryParse(v)
                            .flatMap(Credentials::realm).map(r -> !realms.contains(r)).orElse(true))
                    .toList();
            b.removeHeader(name);
            kept.forEach(v -> b.header(name, v));
        }
        b.setHeader("CSeq", new CSeq(cseq.sequence() + 1, cseq.method()));
        for (Answer a : added) {
            b.header(a.header(), a.value());
        }
        return Optional.of(b.build());
    }

    /** Credentials to add: the header, the realm they answer, the value. */
    private record Answer(String header, String realm, String value) {
    }

    /** Adds an answer to {@code out} for each realm with a login. */
    private static void answer(SipRequest sent, SipResponse response, String challengeName, String credentialsName,
                               Function<String, Optional<Login>> logins, List<Answer> out) {
        Map<String, Offer> best = new LinkedHashMap<>();
        for (String value : response.headers().all(challengeName)) {
            Optional<Offer> offer = Grammars.CHALLENGE.tryParse(value).flatMap(Offer::of);
            offer.ifPresent(o -> best.merge(o.realm(), o,
                    (old, neu) -> neu.algorithm().strength() > old.algorithm().strength() ? neu : old));
        }
        for (Offer o : best.values()) {
            Optional<Login> login = logins.apply(o.realm());
            login.ifPresent(l -> out.add(new Answer(credentialsName, o.realm(), credentials(sent, o, l))));
        }
    }

    /** A challenge this side can answer. */
    private record Offer(String realm, String nonce, Optional<String> opaque, Algorithm algorithm, Qop qop) {
        static Optional<Offer> of(Challenge c) {
            if (!c.digest() || c.realm().isEmpty() || c.nonce().isEmpty()) {
                return Optional.empty();
            }
            Optional<Algorithm> alg = Algorithm.of(c.algorithm());
            if (alg.isEmpty()) {
                return Optional.empty();
            }
            Qop qop = null;
            if (c.qop().isPresent()) {
                List<Qop> offered = new ArrayList<>();
                for (String t : c.qop().get().split(",")) {
                    Qop.of(t).ifPresent(offered::add);
                }
                if (offered.isEmpty()) {
                    return Optional.empty();
                }
                qop = offered.contains(Qop.AUTH) ? Qop.AUTH : Qop.AUTH_INT;
            } else if (alg.get().session()) {
                // -sess needs a cnonce, which only comes with qop (RFC 7616 3.4.2)
                return Optional.empty();
            }
            return Optional.of(new Offer(c.realm().get(), c.nonce().get(), c.opaque(), alg.get(), qop));
        }
    }

    private static String credentials(SipRequest sent, Offer o, Login login) {
        String uri = sent.uri().toString();
        String cnonce = o.qop() == null ? null : HexFormat.of().formatHex(randomBytes());
        Algorithm a = o.algorithm();
        String ha1 = Digest.sessionHa1(a, Digest.ha1(a, login.user(), o.realm(), login.password()), o.nonce(), cnonce);
        String ha2 = Digest.ha2(a, o.qop(), sent.method().name(), uri, sent.body());
        String response = Digest.response(a, ha1, o.nonce(), FIRST_NC, cnonce, o.qop(), ha2);
        StringBuilder sb = new StringBuilder(256).append("Digest username=").append(quote(login.user()))
                .append(", realm=").append(quote(o.realm()))
                .append(", nonce=").append(quote(o.nonce()))
                .append(", uri=").append(quote(uri))
                .append(", response=\"").append(response).append('"')
                .append(", algorithm=").append(a.token());
        if (o.qop() != null) {
            sb.append(", cnonce=\"").append(cnonce).append("\", qop=").append(o.qop().token())
                    .append(", nc=").append(FIRST_NC);
        }
        o.opaque().ifPresent(op -> sb.append(", opaque=").append(quote(op)));
        return sb.toString();
    }

    private static String quote(String s) {
        return Parameters.quote(s);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RNG.nextBytes(b);
        return b;
    }
}
