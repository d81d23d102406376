package drachtio.parser.internal;

import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns header-name octets into the name and key strings without allocating for well-known
 * headers written in their usual spelling: a small open hash over length and end characters,
 * compared ignoring ASCII case.
 */
final class HeaderNameTable {
    private static final int SIZE = 512;
    private static final String[] SPELLING = new String[SIZE];
    private static final byte[][] LOWER = new byte[SIZE][];
    private static final String[] KEY = new String[SIZE];

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
            int h = slot(lower, 0, lower.length);
            while (SPELLING[h] != null) {
                h = (h + 1) & (SIZE - 1);
            }
            SPELLING[h] = s;
            LOWER[h] = lower;
            KEY[h] = HeaderNames.key(s);
        }
    }

    private HeaderNameTable() {
    }

    private static int slot(byte[] b, int start, int len) {
        int h = len * 31 + (b[start] | 0x20);
        h = h * 31 + (b[start + len - 1] | 0x20);
        if (len > 2) {
            h = h * 31 + (b[start + (len >> 1)] | 0x20);
        }
        return (h ^ (h >>> 7)) & (SIZE - 1);
    }

    /**
     * Looks a name up.
     *
     * @param b octets
     * @param start first octet of the name
     * @param len its length, at least 1
     * @param out receives name at [0] and key at [1]
     */
    static void resolve(byte[] b, int start, int len, String[] out) {
        int h = slot(b, start, len);
        while (SPELLING[h] != null) {
            byte[] lower = LOWER[h];
            if (lower.length == len && equalsIgnoreCase(lower, b, start)) {
                String spelling = SPELLING[h];
                out[0] = sameCase(spelling, b, start) ? spelling : new String(b, start, len, StandardCharsets.ISO_8859_1);
                out[1] = KEY[h];
                return;
            }
            h = (h + 1) & (SIZE - 1);
        }
        String name = new String(b, start, len, StandardCharsets.ISO_8859_1);
        out[0] = name;
        out[1] = HeaderNames.key(name);
    }

    private static boolean equalsIgnoreCase(byte[] lower, byte[] b, int start) {
        for (int i = 0; i < lower.length; i++) {
            int c = b[start + i];
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameCase(String spelling, byte[] b, int start) {
        for (int i = 0; i < spelling.length(); i++) {
            if (spelling.charAt(i) != b[start + i]) {
                return false;
            }
        }
        return true;
    }
}
