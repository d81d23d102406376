package drachtio.parser.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Host names and addresses seen recently, shared by every parse, so that a host that comes
 * back (a peer's address, the local domain, the same host in the Via, Contact and
 * Request-URI of one message) is one {@code String} instead of a new one each time.
 *
 * <p>A small direct-mapped table: a slot keeps the last host that hashed to it, and a host
 * that does not match the slot's is made as usual and takes the slot over, so a stream of
 * hosts never seen again costs a hash, one comparison and one small entry each. The hash
 * reads three eight-octet words (start, middle, end) rather than every octet, and the entry
 * keeps the octets next to the {@code String} so the comparison is one
 * {@link Arrays#equals(byte[], int, int, byte[], int, int)}. Slots are read and written without
 * locks: an entry is immutable and safely published (final fields), so a reader sees either
 * the old entry or the new one, and compares the octets before it uses either.
 */
final class HostNames {
    /** Longer hosts are made without the table: rare, and slower to compare. */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 1024;
    private static final Entry[] TABLE = new Entry[SLOTS];

    /** One host: its octets and the shared text. */
    private record Entry(byte[] octets, String text) {
    }

    private HostNames() {
    }

    /**
     * @param b octets (ISO-8859-1 text)
     * @param from where the host starts
     * @param len its length, 1 to {@link #MAX_LENGTH}
     * @return a String with that text, shared when the table had it
     */
    static String of(byte[] b, int from, int len) {
        long h;
        if (len >= 8) {
            h = Octets.word(b, from, 8) * 0x9E3779B97F4A7C15L
                    ^ Octets.word(b, from + len - 8, 8) * 0xC2B2AE3D27D4EB4FL
                    ^ Octets.word(b, from + (len >> 1) - 4, 8) * 0x165667B19E3779F9L;
        } else {
            h = Octets.word(b, from, len) * 0x9E3779B97F4A7C15L;
        }
        h ^= len;
        int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (SLOTS - 1);
        Entry e = TABLE[slot];
        if (e != null && Arrays.equals(e.octets, 0, e.octets.length, b, from, from + len)) {
            return e.text;
        }
        byte[] octets = Arrays.copyOfRange(b, from, from + len);
        String s = new String(octets, StandardCharsets.ISO_8859_1);
        TABLE[slot] = new Entry(octets, s);
        return s;
    }
}
