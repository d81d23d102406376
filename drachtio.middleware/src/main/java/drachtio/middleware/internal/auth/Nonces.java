package drachtio.middleware.internal.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces that validate themselves: {@code base64url(time || random || mac)} where the
 * MAC is HMAC-SHA256 over the time, the random octets and the realm with a key made per
 * instance, so a nonce this instance did not make, or made for another realm, is refused
 * without keeping state for it. Issuing costs no memory; only nonces that carried a valid
 * response are remembered, with the highest nonce count seen (RFC 7616 3.4: a repeated or
 * lower {@code nc} is a replay).
 *
 * <p>Memory is bounded: entries are kept in the order they were first used, an entry goes when
 * its nonce has expired and it is the oldest, and at {@code cap} entries the oldest goes to
 * make room, raising a floor so that a nonce issued at or before the floor and no longer
 * remembered counts as used up (the client gets a stale challenge and retries with a new
 * nonce) rather than as fresh. Each use so costs a constant amount of work under the lock,
 * never a pass over all entries.
 */
final class Nonces {
    /** What a nonce turned out to be. */
    enum Status {
        /** Made here for this realm and not expired. */
        VALID,
        /** Made here for this realm but older than the time-to-live. */
        EXPIRED,
        /** Not made here, made for another realm, or not a nonce at all. */
        FORGED
    }

    private static final int TIME = 8;
    private static final int RANDOM = 12;
    private static final int MAC = 16;
    private static final int LENGTH = TIME + RANDOM + MAC;
    private static final SecureRandom RNG = strongFast();

    private final SecretKeySpec key;
    /** Keyed once and never used itself: each nonce is made and checked with a copy. */
    private final Mac keyed;
    private final long ttlMillis;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Used nonces with their highest nc, in the order of first use; guarded by lock. */
    private final UsedNonces used;
    /** Nonces issued at or before this time and not in {@link #used} count as used; guarded by lock. */
    private long floor = Long.MIN_VALUE;

    /**
     * @return the JDK's DRBG (NIST SP 800-90A, seeded from the system): it makes the 12 random
     *     octets of each nonce in memory, where the default generator on Linux also reads
     *     {@code /dev/urandom} under its lock; the default where there is none
     */
    private static SecureRandom strongFast() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    }

    Nonces(Duration ttl, InstantSource clock, int cap) {
        byte[] secret = new byte[32];
        RNG.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.keyed = newMac(key);
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        this.used = new UsedNonces(cap);
    }

    /**
     * @param realm the realm the nonce is for
     * @return a new nonce, safe inside a quoted-string
     */
    String issue(String realm) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        byte[] random = new byte[RANDOM];
        RNG.nextBytes(random);
        b.putLong(clock.millis()).put(random);
        b.put(mac(b.array(), realm), 0, MAC);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * @param realm the realm the credentials are for
     * @param nonce the nonce they carry
     * @return whether it is one of ours, and fresh
     */
    Status check(String realm, String nonce) {
        byte[] raw = decode(nonce);
        if (raw == null) {
            return Status.FORGED;
        }
        byte[] expected = mac(raw, realm);
        byte[] given = new byte[MAC];
        System.arraycopy(raw, TIME + RANDOM, given, 0, MAC);
        byte[] want = new byte[MAC];
        System.arraycopy(expected, 0, want, 0, MAC);
        if (!MessageDigest.isEqual(want, given)) {
            return Status.FORGED;
        }
        long issued = ByteBuffer.wrap(raw).getLong();
        return clock.millis() - issued > ttlMillis ? Status.EXPIRED : Status.VALID;
    }

    /**
     * Records a nonce count; call only for a valid nonce with a correct response.
     *
     * @param nonce the nonce
     * @param nc the nonce count it came with
     * @return whether the count is higher than any seen with this nonce (not a replay)
     */
    boolean advance(String nonce, long nc) {
        byte[] raw = decode(nonce);
        if (raw == null) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long issued = b.getLong(0);
        long bits = b.getLong(TIME);
        lock.lock();
        try {
            int slot = used.find(issued, bits);
            if (slot < 0) {
                if (issued <= floor) {
                    return false;
                }
                dropOldest(clock.millis());
                used.add(issued, bits, nc);
                return true;
            }
            if (nc <= used.count(slot)) {
                return false;
            }
            used.count(slot, nc);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many nonces are remembered (for tests) */
    int remembered() {
        lock.lock();
        try {
            return used.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the oldest entries while they have expired (an expired nonce is refused before its
     * count is looked at, so no floor is needed for it) or while there is no room for one more.
     */
    private void dropOldest(long now) {
        while (used.size() > 0) {
            long issued = used.oldestIssued();
            if (used.full()) {
                floor = Math.max(floor, issued);
            } else if (now - issued <= ttlMillis) {
                return;
            }
            used.removeOldest();
        }
    }

    private static byte[] decode(String nonce) {
        if (nonce.length() != (LENGTH * 4 + 2) / 3) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(nonce);
            return raw.length == LENGTH ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] raw, String realm) {
        Mac m = freshMac();
        m.update(raw, 0, TIME + RANDOM);
        m.update(realm.getBytes(StandardCharsets.UTF_8));
        return m.doFinal();
    }

    /** @return a Mac keyed with our secret: a copy of the one keyed at start, which is cheaper than keying anew */
    private Mac freshMac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key); // a provider whose Macs cannot be copied
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java SE runtime
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
