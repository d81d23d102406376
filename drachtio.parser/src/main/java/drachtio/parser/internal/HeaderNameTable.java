package drachtio.parser.internal;

import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    /** Per slot, the spelling as eight-octet words, little-endian, the last one zero-padded. */
    private static final long[][] EXACT = new long[SIZE][];
    /** The same, folded to lower case. */
    private static final long[][] LOWER = new long[SIZE][];
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
            EXACT[h] = words(exact);
            LOWER[h] = words(lower);
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
        long first = Octets.word(b, start, len);
        int h = slot(first | (CASE & ((len >= 8 ? -1L : (1L << (len << 3)) - 1))), len);
        while (SPELLING[h] != null) {
            if (LENGTH[h] == len) {
                int same = compare(EXACT[h], LOWER[h], b, start, len, first);
                if (same != DIFFERENT) {
                    return h << 1 | (same == EXACT_CASE ? 0 : 1);
                }
            }
            h = (h + 1) & (SIZE - 1);
        }
        return -1;
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

    private static final int DIFFERENT = 0;
    private static final int EXACT_CASE = 1;
    private static final int OTHER_CASE = 2;

    /** Word by word: whether the octets spell the name exactly, in another case, or not at all. */
    private static int compare(long[] exact, long[] lower, byte[] b, int start, int len, long first) {
        int result = EXACT_CASE;
        for (int k = 0; k < exact.length; k++) {
            int n = Math.min(8, len - (k << 3));
            long w = k == 0 ? first : Octets.word(b, start + (k << 3), n);
            if (w != exact[k]) {
                long fold = n >= 8 ? CASE : CASE & ((1L << (n << 3)) - 1);
                if ((w | fold) != lower[k]) {
                    return DIFFERENT;
                }
                result = OTHER_CASE;
            }
        }
        return result;
    }
}
