package drachtio.parser.internal;

import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Resolves header-name octets to a well-known header without allocating: a small open hash
 * table of the well-known spellings (and the compact forms), looked up eight octets at a
 * time. The scanner has already checked that the octets are token characters, which makes
 * {@code octet | 0x20} a safe case fold for the comparison: among token characters only
 * letters fold onto letters, and no other token character folds onto {@code -}.
 */
final class HeaderNameTable {
    /** Bit 1 of a field's meta word: the name is written as the canonical spelling. */
    static final int CANONICAL = 2;
    /** Where the id starts in a field's meta word. */
    static final int ID_SHIFT = 2;

    private static final long CASE = 0x2020202020202020L;
    private static final int SIZE = 512;
    /** No well-known name is longer; longer names skip the table. */
    private static final int MAX_LENGTH = 24;
    private static final String[] SPELLING = new String[SIZE];
    /**
     * Per slot, the spelling's octets 0-7, 8-15 and 16-23 as little-endian words, zero-padded,
     * in three flat arrays: every lookup compares all three, without a loop or a per-slot array.
     */
    private static final long[] EXACT0 = new long[SIZE];
    private static final long[] EXACT1 = new long[SIZE];
    private static final long[] EXACT2 = new long[SIZE];
    /** The same, folded to lower case. */
    private static final long[] LOWER0 = new long[SIZE];
    private static final long[] LOWER1 = new long[SIZE];
    private static final long[] LOWER2 = new long[SIZE];
    private static final int[] LENGTH = new int[SIZE];
    /**
     * Per slot, the meta word {@link drachtio.api.message.Headers#ofWire(byte[], int, int[])}
     * takes for a name spelled exactly so: 1 + the id, shifted, and the canonical flag.
     */
    private static final int[] META = new int[SIZE];

    static {
        List<String> spellings = new ArrayList<>(HeaderNames.known());
        for (char c = 'a'; c <= 'z'; c++) {
            String s = String.valueOf(c);
            if (!HeaderNames.key(s).equals(s)) {
                spellings.add(s);
            }
        }
        for (String s : spellings) {
            byte[] exact = s.getBytes(StandardCharsets.US_ASCII);
            byte[] lower = s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (exact.length > MAX_LENGTH) {
                throw new IllegalStateException("header name longer than " + MAX_LENGTH + ": " + s);
            }
            int h = slot(words(lower)[0], exact.length);
            while (SPELLING[h] != null) {
                h = (h + 1) & (SIZE - 1);
            }
            SPELLING[h] = s;
            long[] e = Arrays.copyOf(words(exact), 3);
            long[] l = Arrays.copyOf(words(lower), 3);
            EXACT0[h] = e[0];
            EXACT1[h] = e[1];
            EXACT2[h] = e[2];
            LOWER0[h] = l[0];
            LOWER1[h] = l[1];
            LOWER2[h] = l[2];
            LENGTH[h] = exact.length;
            String canonical = HeaderNames.canonical(s);
            int id = HeaderNames.known().indexOf(canonical);
            META[h] = (id + 1) << ID_SHIFT | (canonical.equals(s) ? CANONICAL : 0);
        }
    }

    private HeaderNameTable() {
    }

    private static long[] words(byte[] s) {
        long[] w = new long[(s.length + 7) >> 3];
        for (int i = 0; i < s.length; i++) {
            w[i >> 3] |= (s[i] & 0xffL) << ((i & 7) << 3);
        }
        return w;
    }

    /** The slot for a name's first eight octets folded to lower case (zero-padded) and its length. */
    private static int slot(long firstLower, int len) {
        long x = (firstLower ^ len) * 0x9E3779B97F4A7C15L;
        return (int) (x >>> 55) & (SIZE - 1);
    }

    /**
     * Looks a name up.
     *
     * @param b octets
     * @param start first octet of the name
     * @param len its length, at least 1; every octet a token character
     * @return {@code slot << 1} when the octets spell a known name exactly, {@code slot << 1 | 1}
     *     when they spell it in another case, -1 when the name is not known
     */
    static int find(byte[] b, int start, int len) {
        if (len > MAX_LENGTH) {
            return -1;
        }
        long w0 = Octets.word(b, start, len);
        long w1 = len > 8 ? Octets.word(b, start + 8, len - 8) : 0;
        long w2 = len > 16 ? Octets.word(b, start + 16, len - 16) : 0;
        long f0 = w0 | fold(len);
        long f1 = w1 | fold(len - 8);
        long f2 = w2 | fold(len - 16);
        int h = slot(f0, len);
        int n;
        while ((n = LENGTH[h]) != 0) {
            if (n == len) {
                if (w0 == EXACT0[h] && w1 == EXACT1[h] && w2 == EXACT2[h]) {
                    return h << 1;
                }
                if (f0 == LOWER0[h] && f1 == LOWER1[h] && f2 == LOWER2[h]) {
                    return h << 1 | 1;
                }
            }
            h = (h + 1) & (SIZE - 1);
        }
        return -1;
    }

    /** @return the case-fold bits for a word holding {@code n} octets (none when {@code n <= 0}, eight at most) */
    private static long fold(int n) {
        return n >= 8 ? CASE : n <= 0 ? 0 : CASE & ((1L << (n << 3)) - 1);
    }

    /**
     * @param found a result of {@link #find}
     * @return the field meta word for the name as found: the id, and the canonical flag only
     *     when the octets spell the canonical name exactly
     */
    static int meta(int found) {
        int m = META[found >> 1];
        return (found & 1) == 0 ? m : m & ~CANONICAL;
    }
}
