package drachtio.parser.internal;

import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns header-name octets into the name and key strings without allocating for well-known
 * headers written in their usual spelling: a small open hash over the name's octets folded to
 * lower case, which the scanner computes while it reads the name.
 */
final class HeaderNameTable {
    /** Bit 1 of a field's meta word: the name is written as the canonical spelling. */
    static final int CANONICAL = 2;
    /** Where the id starts in a field's meta word. */
    static final int ID_SHIFT = 2;

    private static final int SIZE = 512;
    private static final String[] SPELLING = new String[SIZE];
    private static final byte[][] LOWER = new byte[SIZE][];
    private static final byte[][] EXACT = new byte[SIZE][];
    private static final String[] KEY = new String[SIZE];
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
            byte[] lower = s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            byte[] exact = s.getBytes(StandardCharsets.US_ASCII);
            int h = slot(hash(exact, 0, exact.length));
            while (SPELLING[h] != null) {
                h = (h + 1) & (SIZE - 1);
            }
            SPELLING[h] = s;
            LOWER[h] = lower;
            EXACT[h] = exact;
            KEY[h] = HeaderNames.key(s);
            String canonical = HeaderNames.canonical(s);
            int id = HeaderNames.known().indexOf(canonical);
            META[h] = (id + 1) << ID_SHIFT | (canonical.equals(s) ? CANONICAL : 0);
        }
    }

    private HeaderNameTable() {
    }

    /** The hash the scanner computes while reading a name: 31*h + (octet | 0x20) over its octets. */
    static int hash(byte[] b, int start, int len) {
        int h = 0;
        for (int i = start; i < start + len; i++) {
            h = 31 * h + (b[i] | 0x20);
        }
        return h;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 9) ^ (hash >>> 17)) & (SIZE - 1);
    }

    /**
     * Looks a name up.
     *
     * @param b octets
     * @param start first octet of the name
     * @param len its length, at least 1
     * @param hash {@link #hash} of the name
     * @return {@code slot << 1} when the octets spell a known name exactly, {@code slot << 1 | 1}
     *     when they spell it in another case, -1 when the name is not known
     */
    static int find(byte[] b, int start, int len, int hash) {
        int h = slot(hash);
        while (SPELLING[h] != null) {
            byte[] exact = EXACT[h];
            if (exact.length == len) {
                int same = compare(exact, LOWER[h], b, start);
                if (same != DIFFERENT) {
                    return h << 1 | (same == EXACT_CASE ? 0 : 1);
                }
            }
            h = (h + 1) & (SIZE - 1);
        }
        return -1;
    }

    /** @param found a result of {@link #find} @return the known name's usual spelling */
    static String spelling(int found) {
        return SPELLING[found >> 1];
    }

    /** @param found a result of {@link #find} @return the known name's key */
    static String key(int found) {
        return KEY[found >> 1];
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

    /** One pass: whether the octets spell the name exactly, in another case, or not at all. */
    private static int compare(byte[] exact, byte[] lower, byte[] b, int start) {
        int result = EXACT_CASE;
        for (int i = 0; i < exact.length; i++) {
            byte c = b[start + i];
            if (c != exact[i]) {
                if ((c | 0x20) != lower[i] || !Chars.isAlpha(c)) {
                    return DIFFERENT;
                }
                result = OTHER_CASE;
            }
        }
        return result;
    }

}
