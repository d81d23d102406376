package drachtio.parser.internal;

import drachtio.api.header.Parameters;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.AsciiChars;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A position in a header value being parsed, with the scanning steps every grammar shares:
 * white space, tokens, quoted-strings and {@code ;name=value} header parameters.
 *
 * <p>An {@link AsciiChars} view is read straight from its octets (one array load per
 * character, no interface call); any other text is read as a {@code String}. Offsets in
 * errors are indexes into the text given to the constructor. Not thread-safe; one per parse.
 */
final class Cursor {
    /** Names and values common enough to share one String instead of copying each time. */
    private static final String[] COMMON = common("SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
            "branch", "tag", "rport", "received", "transport", "lr", "expires", "q", "maddr", "ttl", "user",
            "phone", "udp", "tcp", "tls", "ws", "wss", "method", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS",
            "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
            "application", "sdp", "multipart", "mixed", "alternative", "related", "boundary", "text", "plain",
            "charset", "Digest", "Basic", "Bearer", "realm", "nonce", "opaque", "algorithm", "qop", "auth",
            "MD5", "SHA-256", "username", "uri", "response", "cnonce", "nc", "stale", "true", "false",
            "+sip.instance", "reg-id", "ob", "gr", "alias", "comp", "sigcomp", "ftag", "did", "to-tag",
            "from-tag", "rinstance", "line");
    /** The longest word in {@link #COMMON}. */
    private static final int COMMON_MAX = 13;
    private static final int COMMON_MASK = 255;
    /** {@link #COMMON} as octets, slot for slot. */
    private static final byte[][] COMMON_BYTES = octets(COMMON);
    /** Per slot of {@link #COMMON}, its first eight octets as a little-endian word, zero-padded. */
    private static final long[] COMMON_W0 = new long[COMMON_MASK + 1];
    /** Per slot, octets 8 to 15 the same way (zero for words of eight octets or fewer). */
    private static final long[] COMMON_W1 = new long[COMMON_MASK + 1];

    static {
        for (int h = 0; h <= COMMON_MASK; h++) {
            if (COMMON[h] != null) {
                long[] w = Octets.words(COMMON[h]);
                COMMON_W0[h] = w[0];
                COMMON_W1[h] = w.length > 1 ? w[1] : 0;
            }
        }
    }

    /** The octets when reading an {@link AsciiChars} view, else null. */
    private final byte[] b;
    /** Index in {@link #b} of the text's first octet. */
    private final int off;
    /** The text when not reading octets, else null. */
    private final String str;
    final int end;
    int pos;

    /**
     * @param b octets read as ISO-8859-1 characters (in practice ASCII); not modified
     * @param off where the text starts
     * @param len its length
     */
    Cursor(byte[] b, int off, int len) {
        this.b = b;
        this.off = off;
        this.str = null;
        this.end = len;
    }

    Cursor(CharSequence s) {
        if (s instanceof AsciiChars a) {
            this.b = a.bytes();
            this.off = a.offset();
            this.str = null;
            this.end = a.length();
        } else {
            this.b = null;
            this.off = 0;
            this.str = s.toString();
            this.end = str.length();
        }
    }

    /** An open-addressed table keyed by {@link #hash}, probed linearly; a slot left null ends a probe. */
    private static String[] common(String... words) {
        String[] table = new String[COMMON_MASK + 1];
        for (String w : words) {
            if (w.length() > COMMON_MAX) {
                throw new IllegalStateException(w);
            }
            int h = hash(w.length(), w.charAt(0), w.charAt(w.length() - 1));
            while (table[h] != null) {
                h = (h + 1) & COMMON_MASK;
            }
            table[h] = w;
        }
        return table;
    }

    private static byte[][] octets(String[] words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            if (words[i] != null) {
                out[i] = words[i].getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return out;
    }

    private static int hash(int len, int first, int last) {
        return (len * 29 + first * 5 + last * 3) & COMMON_MASK;
    }

    /** @return a parse error at the current position */
    SipParseException error(String reason) {
        return new SipParseException(reason, Math.min(pos, end));
    }

    static SipParseException error(String reason, int at) {
        return new SipParseException(reason, at);
    }

    /**
     * @param i an index below {@link #end}
     * @return the character there
     */
    char at(int i) {
        return b != null ? (char) (b[off + i] & 0xff) : str.charAt(i);
    }

    /** @return whether the character at {@code i} (below {@link #end}) belongs to a class of {@link Chars} */
    boolean is(int i, int cls) {
        return b != null ? (Chars.CLASS[b[off + i] & 0xff] & cls) != 0 : Chars.in(str.charAt(i), cls);
    }

    /**
     * @param p where to start
     * @param limit where to stop, at most {@link #end}
     * @param cls classes of {@link Chars}
     * @return the first index from {@code p} whose character is in none of the classes, or {@code limit}
     */
    int span(int p, int limit, int cls) {
        byte[] a = b;
        if (a != null) {
            int o = off;
            return span(a, o + p, o + limit, cls) - o;
        }
        String t = str;
        while (p < limit && Chars.in(t.charAt(p), cls)) {
            p++;
        }
        return p;
    }

    /**
     * @param a octets
     * @param i where to start
     * @param l where to stop
     * @param cls classes of {@link Chars}
     * @return the first index from {@code i} whose octet is in none of the classes, or {@code l}
     */
    static int span(byte[] a, int i, int l, int cls) {
        int[] table = Chars.CLASS;
        while (i < l && (table[a[i] & 0xff] & cls) != 0) {
            i++;
        }
        return i;
    }

    /**
     * @param ch a character
     * @param p where to start
     * @param limit where to stop, at most {@link #end}
     * @return the first index of {@code ch} from {@code p} below {@code limit}, or -1
     */
    int indexOf(char ch, int p, int limit) {
        byte[] a = b;
        if (a != null) {
            int o = off;
            int l = o + limit;
            for (int i = o + p; i < l; i++) {
                if (a[i] == ch) {
                    return i - o;
                }
            }
            return -1;
        }
        String t = str;
        for (int i = p; i < limit; i++) {
            if (t.charAt(i) == ch) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param a start
     * @param z end
     * @return the text between, a new String
     */
    String sub(int a, int z) {
        return b != null ? new String(b, off + a, z - a, StandardCharsets.ISO_8859_1) : str.substring(a, z);
    }

    /**
     * @param a start of a host
     * @param z its end
     * @return the host text, shared with earlier parses when it was seen lately ({@link HostNames})
     */
    String host(int a, int z) {
        int len = z - a;
        return b != null && len <= HostNames.MAX_LENGTH ? HostNames.of(b, off + a, len) : sub(a, z);
    }

    boolean more() {
        return pos < end;
    }

    /** @return the character at the position, or -1 at the end */
    int peek() {
        return pos < end ? at(pos) : -1;
    }

    /** @return whether the character at the position is {@code c}; consumes it if so */
    boolean eat(char c) {
        if (pos < end && at(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips SP and HTAB. @return whether any was skipped */
    boolean skipWs() {
        int p = pos;
        if (p < end && is(p, Chars.WS)) {
            pos = span(p + 1, end, Chars.WS);
            return true;
        }
        return false;
    }

    /** Fails unless the whole text was consumed, allowing trailing white space. */
    void expectEnd() {
        skipWs();
        if (pos < end) {
            throw error("unexpected character");
        }
    }

    /**
     * Consumes a token.
     *
     * @param what what the token is, for the error message
     * @return the token's start; the position is at its end
     */
    int token(String what) {
        int start = pos;
        int p = span(start, end, Chars.TOKEN);
        if (p == start) {
            throw error(what + " expected");
        }
        pos = p;
        return start;
    }

    /**
     * Consumes a quoted-string (RFC 3261 25.1) starting at the position, which holds {@code "}.
     * UTF-8 (or any non-ASCII) text is allowed inside; CR, LF and other controls are not, except
     * as quoted-pairs.
     *
     * @return whether it contained a quoted-pair
     */
    boolean quoted() {
        int p = pos + 1;
        boolean pairs = false;
        while ((p = span(p, end, Chars.QDTEXT)) < end) {
            char c = at(p);
            if (c == '"') {
                pos = p + 1;
                return pairs;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    break;
                }
                char n = at(p + 1);
                if (n == '\r' || n == '\n') {
                    throw error("bad quoted-pair", p);
                }
                pairs = true;
                p += 2;
            } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw error("control character in quoted-string", p);
            } else {
                p++;
            }
        }
        throw error("unterminated quoted-string", pos);
    }

    /**
     * @param a start of a quoted-string (at its {@code "})
     * @param z its end (after the closing quote)
     * @param pairs whether it contains quoted-pairs
     * @return the content without quotes, quoted-pairs resolved
     */
    String unquote(int a, int z, boolean pairs) {
        if (!pairs) {
            return sub(a + 1, z - 1);
        }
        StringBuilder sb = new StringBuilder(z - a);
        for (int i = a + 1; i < z - 1; i++) {
            char c = at(i);
            if (c == '\\') {
                c = at(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * @param a start
     * @param z end
     * @return the text between, shared when it is a common word
     */
    String text(int a, int z) {
        int len = z - a;
        byte[] bs = b;
        if (bs != null) {
            return text(bs, off + a, len);
        }
        if (len > 0 && len <= COMMON_MAX) {
            String[] table = COMMON;
            int h = hash(len, at(a), at(z - 1));
            String w;
            while ((w = table[h]) != null) {
                if (w.length() == len && regionMatches(a, w)) {
                    return w;
                }
                h = (h + 1) & COMMON_MASK;
            }
        }
        return sub(a, z);
    }

    /**
     * @param bs octets
     * @param o where the text starts
     * @param len its length
     * @return the text, shared when it is a common word
     */
    static String text(byte[] bs, int o, int len) {
        if (len > 0 && len <= COMMON_MAX) {
            int h = hash(len, bs[o] & 0xff, bs[o + len - 1] & 0xff);
            // compared a word at a time: at most two loads and two compares, no octet loop
            long w0 = Octets.word(bs, o, len);
            long w1 = len > 8 ? Octets.word(bs, o + 8, len - 8) : 0;
            byte[] w;
            while ((w = COMMON_BYTES[h]) != null) {
                if (w.length == len && COMMON_W0[h] == w0 && COMMON_W1[h] == w1) {
                    return COMMON[h];
                }
                h = (h + 1) & COMMON_MASK;
            }
        }
        return new String(bs, o, len, StandardCharsets.ISO_8859_1);
    }

    private boolean regionMatches(int a, String w) {
        for (int i = 0; i < w.length(); i++) {
            if (at(a + i) != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the text from {@code a} to {@code z} equals {@code w} ignoring ASCII case */
    boolean equalsIgnoreCase(int a, int z, String w) {
        if (z - a != w.length()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if ((at(a + i) | 0x20) != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code *( LWS? ";" LWS? name [ LWS? "=" LWS? value ] )} where a value is a token,
     * a host (also an IPv6 address, with or without brackets) or a quoted-string, kept as
     * written. Stops before anything that is not {@code ;} after optional white space.
     *
     * @return the parameters
     */
    Parameters headerParams() {
        String[] buf = null;
        int n = 0;
        while (true) {
            int save = pos;
            skipWs();
            if (!eat(';')) {
                pos = save;
                break;
            }
            skipWs();
            int nameStart = token("parameter name");
            String name = text(nameStart, pos);
            String value = null;
            int afterName = pos;
            skipWs();
            if (eat('=')) {
                skipWs();
                value = genValue();
            } else {
                pos = afterName;
            }
            if (buf == null) {
                buf = new String[countParams(save) * 2];
            } else if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = name;
            buf[n++] = value;
        }
        return wrap(buf, n);
    }

    /**
     * Counts the {@code ;} from {@code p} up to a {@code ,} or the end, skipping quoted-strings:
     * the number of parameters that follow when the text is well formed, so their array can be
     * sized once.
     */
    private int countParams(int p) {
        int count = 0;
        while ((p = span(p, end, Chars.NOT_PARAM_SEP)) < end) {
            char c = at(p++);
            if (c == ';') {
                count++;
            } else if (c == ',') {
                break;
            } else if (c == '"') {
                while (p < end && (c = at(p++)) != '"') {
                    if (c == '\\') {
                        p++;
                    }
                }
            }
        }
        return Math.max(count, 1);
    }

    /** Consumes a parameter value: a quoted-string or 1*(token / ":" / "[" / "]"). */
    String genValue() {
        int a = pos;
        if (peek() == '"') {
            quoted();
            return sub(a, pos);
        }
        int p = span(a, end, Chars.GEN_VALUE);
        if (p == a) {
            throw error("parameter value expected");
        }
        pos = p;
        return text(a, p);
    }

    static Parameters wrap(String[] buf, int n) {
        if (n == 0) {
            return Parameters.EMPTY;
        }
        return Parameters.wrap(n == buf.length ? buf : Arrays.copyOf(buf, n));
    }
}
