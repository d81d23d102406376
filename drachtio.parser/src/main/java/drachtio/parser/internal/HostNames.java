package drachtio.parser.internal;

/**
 * Host names and addresses seen recently, shared by every parse, so that a host that comes
 * back (a peer's address, the local domain, the same host in the Via, Contact and
 * Request-URI of one message) is one {@code String} instead of a new one each time.
 *
 * <p>A small direct-mapped table: a slot keeps the last host that hashed to it, and a host
 * that does not match the slot's is made as usual and takes the slot over, so a stream of
 * hosts never seen again costs a hash and one comparison each, and no extra allocation.
 * Slots are read and written without locks: a {@code String} is immutable and safely
 * published, so a reader sees either the old entry or the new one, and compares the text
 * before it uses either.
 */
final class HostNames {
    /** Longer hosts are made without the table: rare, and slower to compare. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1024;
    private static final String[] TABLE = new String[SLOTS];

    private HostNames() {
    }

    /**
     * @param b octets (ISO-8859-1 text)
     * @param from where the host starts
     * @param len its length, 1 to {@link #MAX_LENGTH}
     * @return a String with that text, shared when the table had it
     */
    static String of(byte[] b, int from, int len) {
        int h = 0;
        for (int i = from; i < from + len; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 11) ^ (h >>> 22)) & (SLOTS - 1);
        String s = TABLE[slot];
        if (s != null && same(s, b, from, len)) {
            return s;
        }
        s = new String(b, from, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        TABLE[slot] = s;
        return s;
    }

    private static boolean same(String s, byte[] b, int from, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != (b[from + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
