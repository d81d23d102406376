package drachtio.middleware.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The digest arithmetic of RFC 2617 3.2.2 and RFC 7616 3.4: HA1, HA2 and the response, as
 * lower-case hex. Strings are hashed as UTF-8 (RFC 7616 3.4.4 without {@code userhash}). Never
 * logs: every value here is a secret or derived from one.
 */
public final class Digest {
    private static final HexFormat HEX = HexFormat.of();
    /** One untouched digest per JDK hash name, copied for each use. */
    private static final ConcurrentMap<String, MessageDigest> PROTOTYPES = new ConcurrentHashMap<>();

    private Digest() {
    }

    /**
     * @param algorithm the hash
     * @param data the text to hash, as UTF-8
     * @return {@code H(data)}, lower-case hex
     */
    public static String hash(Algorithm algorithm, String data) {
        return hash(algorithm, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param algorithm the hash
     * @param data the octets to hash
     * @return {@code H(data)}, lower-case hex
     */
    public static String hash(Algorithm algorithm, byte[] data) {
        return HEX.formatHex(digest(algorithm.jdkName()).digest(data));
    }

    /**
     * A fresh digest: a copy of one made once per hash name, since looking the provider up
     * costs more than hashing a short text (a registration hashes three or four of them).
     */
    private static MessageDigest digest(String name) {
        MessageDigest prototype = PROTOTYPES.computeIfAbsent(name, Digest::newDigest);
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest(name); // a provider whose digests cannot be copied
        }
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            // every Java SE runtime must provide MD5 and SHA-256; SHA-512/256 ships with the JDK
            throw new IllegalStateException("no " + name + " in this runtime", e);
        }
    }

    /**
     * The HA1 a password store may keep instead of the password: {@code H(user:realm:password)}
     * with the algorithm's hash (the same for the session variant).
     *
     * @param algorithm the algorithm
     * @param user the user name
     * @param realm the realm
     * @param password the password
     * @return the HA1, lower-case hex
     */
    public static String ha1(Algorithm algorithm, String user, String realm, String password) {
        return hash(algorithm, user + ":" + realm + ":" + password);
    }

    /**
     * The HA1 that goes into the response: the stored HA1 itself, or for a {@code -sess}
     * algorithm {@code H(HA1:nonce:cnonce)} (RFC 7616 3.4.2).
     *
     * @param algorithm the algorithm
     * @param storedHa1 {@code H(user:realm:password)}
     * @param nonce the server's nonce
     * @param cnonce the client's nonce ({@code null} unless session)
     * @return the HA1 to use
     */
    public static String sessionHa1(Algorithm algorithm, String storedHa1, String nonce, String cnonce) {
        if (!algorithm.session()) {
            return storedHa1;
        }
        if (cnonce == null) {
            throw new IllegalArgumentException(algorithm + " needs a cnonce");
        }
        return hash(algorithm, storedHa1 + ":" + nonce + ":" + cnonce);
    }

    /**
     * HA2 (RFC 7616 3.4.3): {@code H(method:uri)}, or {@code H(method:uri:H(body))} for
     * {@code auth-int}.
     *
     * @param algorithm the algorithm
     * @param qop the qop chosen, {@code null} when none
     * @param method the request method
     * @param uri the digest-uri as sent
     * @param body the message body, for {@code auth-int} (empty when there is none)
     * @return HA2, lower-case hex
     */
    public static String ha2(Algorithm algorithm, Qop qop, String method, String uri, byte[] body) {
        if (qop == Qop.AUTH_INT) {
            return hash(algorithm, method + ":" + uri + ":" + hash(algorithm, body));
        }
        return hash(algorithm, method + ":" + uri);
    }

    /**
     * The response (RFC 7616 3.4.1; RFC 2069 form when {@code qop} is {@code null}).
     *
     * @param algorithm the algorithm
     * @param ha1 the HA1 from {@link #sessionHa1}
     * @param nonce the server's nonce
     * @param nc the nonce count, 8 hex digits, when qop is present
     * @param cnonce the client's nonce, when qop is present
     * @param qop the qop chosen, {@code null} when none
     * @param ha2 the HA2
     * @return the response, lower-case hex
     */
    public static String response(Algorithm algorithm, String ha1, String nonce, String nc, String cnonce,
                                  Qop qop, String ha2) {
        if (qop == null) {
            return hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
        }
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.token() + ":" + ha2);
    }

    /**
     * Compares two digests in time that does not depend on where they differ.
     *
     * @param expected the digest computed here
     * @param given the digest received (any case)
     * @return whether they are equal
     */
    public static boolean matches(String expected, String given) {
        byte[] a = expected.getBytes(StandardCharsets.US_ASCII);
        byte[] b = given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
