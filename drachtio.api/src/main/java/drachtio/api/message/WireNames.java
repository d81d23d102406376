package drachtio.api.message;

import java.nio.charset.StandardCharsets;

/** Header names read from a received message's octets, and the field layouts {@link Headers} accepts. */
final class WireNames {
    /** Per-field flag of the meta word: the name is written exactly as the canonical spelling. */
    private static final int CANONICAL = 2;
    private static final int ID_SHIFT = 2;

    private WireNames() {
    }

    /**
     * @param count how many fields
     * @param fields the fields, {@code stride} ints each, the meta word first
     * @param stride ints per field
     * @throws IllegalArgumentException when a meta word holds an id out of range
     */
    static void checkMeta(int count, int[] fields, int stride) {
        int known = HeaderNames.known().size();
        for (int i = 0; i < count; i++) {
            int meta = fields[i * stride];
            if ((meta >>> ID_SHIFT) > known || ((meta & CANONICAL) != 0 && (meta >>> ID_SHIFT) == 0)) {
                throw new IllegalArgumentException("bad header id in field " + i);
            }
        }
    }

    /** @return fields of four ints (meta, name start, value start, value end) as three (no name start) */
    static int[] threeOfFour(int count, int[] fields) {
        int[] own = new int[count * 3];
        for (int i = 0; i < count; i++) {
            own[i * 3] = fields[i * 4];
            own[i * 3 + 1] = fields[i * 4 + 2];
            own[i * 3 + 2] = fields[i * 4 + 3];
        }
        return own;
    }

    /** @return the names of fields of four ints that are not written canonically, by field; null when there are none */
    static String[] namesOfFour(byte[] source, int count, int[] fields) {
        String[] names = null;
        for (int i = 0; i < count; i++) {
            if ((fields[i * 4] & CANONICAL) == 0) {
                if (names == null) {
                    names = new String[count];
                }
                names[i] = tokenAt(source, fields[i * 4 + 1]);
            }
        }
        return names;
    }

    /**
     * Where the name of a field starts, found from its value: back over white space and folds,
     * the colon, white space, then the name's token characters (a field is
     * {@code name [WS] ":" [LWS] value}, and the octet before a name ends the line above).
     *
     * @param b the message octets
     * @param valueStart where the field's value starts
     * @return where its name starts
     */
    static int nameStart(byte[] b, int valueStart) {
        int p = valueStart - 1;
        while (p >= 0 && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p--;
        }
        // p is at the colon
        p--;
        while (p >= 0 && (b[p] == ' ' || b[p] == '\t')) {
            p--;
        }
        while (p >= 0 && Tokens.isTokenChar((char) (b[p] & 0xff))) {
            p--;
        }
        return p + 1;
    }

    /**
     * @param source octets
     * @param start where a token starts
     * @return the token, up to the first octet that is not a token character
     */
    static String tokenAt(byte[] source, int start) {
        int end = start;
        while (end < source.length && Tokens.isTokenChar((char) (source[end] & 0xff))) {
            end++;
        }
        return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
