package drachtio.middleware.internal.app;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Random tokens for tags and Call-IDs (RFC 3261 19.3: at least 32 bits of randomness). */
final class Ids {
    private static final SecureRandom SEED = new SecureRandom();
    private static final long SALT = SEED.nextLong();

    private Ids() {
    }

    /** @return a From or To tag: 64 random bits in hex */
    static String tag() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong() ^ SALT);
    }

    /**
     * @param host the host part to append
     * @return a Call-ID, 128 random bits in hex then {@code @host}
     */
    static String callId(String host) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(r.nextLong() ^ SALT) + HexFormat.of().toHexDigits(r.nextLong()) + "@" + host;
    }
}
