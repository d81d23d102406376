package drachtio.parser.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reading octets eight at a time (SWAR: SIMD within a {@code long}), for the framing hot paths. */
final class Octets {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Octets() {
    }

    /**
     * @param b octets
     * @param i where to start
     * @param n how many to take, at least 0; up to eight are read
     * @return the first {@code min(n, 8)} octets from {@code i} as a little-endian word,
     *     zero-padded; never reads past the end of {@code b}
     */
    static long word(byte[] b, int i, int n) {
        if (n >= 8) {
            return (long) LONGS.get(b, i);
        }
        if (i + 8 <= b.length) {
            return (long) LONGS.get(b, i) & ((1L << (n << 3)) - 1);
        }
        long w = 0;
        for (int k = 0; k < n; k++) {
            w |= (b[i + k] & 0xffL) << (k << 3);
        }
        return w;
    }

    /**
     * @param text ASCII text
     * @return its octets as little-endian words, the last one zero-padded
     */
    static long[] words(String text) {
        byte[] s = text.getBytes(StandardCharsets.ISO_8859_1);
        long[] w = new long[(s.length + 7) >> 3];
        for (int i = 0; i < s.length; i++) {
            w[i >> 3] |= (s[i] & 0xffL) << ((i & 7) << 3);
        }
        return w;
    }

    /**
     * @param words a text as {@link #words(String)} gives it
     * @param len the text's length
     * @param b octets
     * @param off where to compare; {@code len} octets from there must be in {@code b}
     * @return whether the octets spell the text exactly
     */
    static boolean matches(long[] words, int len, byte[] b, int off) {
        for (int k = 0; k < words.length; k++) {
            if (word(b, off + (k << 3), Math.min(8, len - (k << 3))) != words[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Skips printable ASCII and space eight octets at a time while eight more octets remain
     * before {@code limit}: it stops at the first octet below 0x20 (CR, LF, HT, controls), DEL,
     * or with the high bit (non-ASCII). A borrow out of a byte sets its high bit; borrows only
     * travel to higher octets, so the lowest flagged octet is always a true one. The loop
     * carries only {@code q += 8} from one step to the next, so the load of the next word need
     * not wait for the test of this one.
     *
     * @param b octets
     * @param q where to start
     * @param limit where the octets end
     * @return the index of the first octet that is not plain, or an index less than eight
     *     octets before {@code limit} from which the caller continues octet by octet
     */
    static int plainEnd(byte[] b, int q, int limit) {
        while (q + 8 <= limit) {
            long x = (long) LONGS.get(b, q);
            long below = x - 0x20 * ONES;
            long del = x ^ (0x7f * ONES);
            long flagged = (below | x | ((del - ONES) & ~del)) & HIGHS;
            if (flagged != 0) {
                return q + (Long.numberOfTrailingZeros(flagged) >>> 3);
            }
            q += 8;
        }
        return q;
    }
}
