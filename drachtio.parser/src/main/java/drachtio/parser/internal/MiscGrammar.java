package drachtio.parser.internal;

import drachtio.api.header.CSeq;
import drachtio.api.header.ContentType;
import drachtio.api.header.Parameters;
import drachtio.api.spi.AsciiChars;
import java.nio.charset.StandardCharsets;

/**
 * The small rules: CSeq (RFC 3261 20.16), Call-ID (20.8), decimal numbers, delta-seconds
 * (20.19) and media types (20.15). Content-Type parameters without a value are tolerated.
 */
public final class MiscGrammar {
    private static final long MAX_CSEQ = 0xFFFF_FFFFL;
    /** 0 to 4095 boxed once: body lengths and expiry times in seconds mostly fall in there. */
    private static final Integer[] BOXED = new Integer[4096];

    static {
        for (int i = 0; i < BOXED.length; i++) {
            BOXED[i] = i;
        }
    }

    private MiscGrammar() {
    }

    /**
     * @param s {@code 1*DIGIT LWS Method}; at most 10 digits and at most 2^32-1
     * @return the CSeq
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static CSeq cseq(CharSequence s) {
        return cseqValue(new Cursor(s));
    }

    /** {@link #cseq(CharSequence)} over a cursor at the start of the value. */
    static CSeq cseqValue(Cursor c) {
        int d = c.pos;
        int p = d;
        long n = 0;
        while (p < c.end && c.is(p, Chars.DIGIT)) {
            // 1*DIGIT (RFC 3261 25.1): leading zeros are digits like any other; past the limit
            // the value stops growing and is refused below
            n = Math.min(n * 10 + (c.at(p) - '0'), MAX_CSEQ + 1);
            p++;
        }
        c.pos = p;
        if (c.pos == d) {
            throw c.error("CSeq number expected");
        }
        if (n > MAX_CSEQ) {
            throw Cursor.error("CSeq number too large", d);
        }
        if (!c.skipWs()) {
            throw c.error("white space expected after CSeq number");
        }
        int m = c.token("method");
        String method = c.text(m, c.pos);
        c.expectEnd();
        return new CSeq(n, method);
    }

    /**
     * {@link #cseq(CharSequence)} over octets, with local indexes instead of a {@link Cursor}:
     * the same rule, the same errors at the same offsets.
     *
     * @param b octets
     * @param o where the value starts
     * @param n its length
     * @return the CSeq
     */
    static CSeq cseq(byte[] b, int o, int n) {
        int end = o + n;
        int p = o;
        long v = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = Math.min(v * 10 + (b[p] - '0'), MAX_CSEQ + 1);
            p++;
        }
        if (p == o) {
            throw Cursor.error("CSeq number expected", 0);
        }
        if (v > MAX_CSEQ) {
            throw Cursor.error("CSeq number too large", 0);
        }
        int m = Cursor.span(b, p, end, Chars.WS);
        if (m == p) {
            throw Cursor.error("white space expected after CSeq number", Math.min(p, end) - o);
        }
        int z = Cursor.span(b, m, end, Chars.TOKEN);
        if (z == m) {
            throw Cursor.error("method expected", m - o);
        }
        String method = Cursor.text(b, m, z - m);
        int after = Cursor.span(b, z, end, Chars.WS);
        if (after < end) {
            throw Cursor.error("unexpected character", after - o);
        }
        return new CSeq(v, method);
    }

    /**
     * @param s {@code word ["@" word]}
     * @return the Call-ID as written
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static String callId(CharSequence s) {
        // no Cursor: this runs for every message and the text is returned whole
        if (s instanceof AsciiChars a) {
            return callId(a.bytes(), a.offset(), a.length());
        }
        String t = s.toString();
        int n = t.length();
        int i = 0;
        while (i < n && Chars.isWord(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw Cursor.error("Call-ID expected", 0);
        }
        if (i < n && t.charAt(i) == '@') {
            int w = ++i;
            while (i < n && Chars.isWord(t.charAt(i))) {
                i++;
            }
            if (i == w) {
                throw Cursor.error("word expected after '@' in Call-ID", i);
            }
        }
        if (i != n) {
            throw Cursor.error("character not allowed in Call-ID", i);
        }
        return t;
    }

    /**
     * {@link #callId(CharSequence)} over octets.
     *
     * @param b octets
     * @param o where the value starts
     * @param n its length
     * @return the Call-ID as written
     */
    static String callId(byte[] b, int o, int n) {
        int i = Cursor.span(b, o, o + n, Chars.WORD) - o;
        if (i == 0) {
            throw Cursor.error("Call-ID expected", 0);
        }
        if (i < n && b[o + i] == '@') {
            int w = ++i;
            i = Cursor.span(b, o + i, o + n, Chars.WORD) - o;
            if (i == w) {
                throw Cursor.error("word expected after '@' in Call-ID", i);
            }
        }
        if (i != n) {
            throw Cursor.error("character not allowed in Call-ID", i);
        }
        return new String(b, o, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #number(CharSequence)} or, with {@code cap}, {@link #deltaSeconds(CharSequence)}
     * over octets.
     *
     * @param b octets
     * @param o where the value starts
     * @param n its length
     * @param cap whether to cap at 2^31-1 rather than fail
     * @return the value
     */
    static Integer digits(byte[] b, int o, int n, boolean cap) {
        if (n == 0) {
            throw Cursor.error("number expected", 0);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = digit(v, b[o + i], i, cap);
        }
        return box((int) v);
    }

    /** One more decimal digit onto {@code v}; past 2^31-1 it fails, or with {@code cap} stays there. */
    private static long digit(long v, int ch, int i, boolean cap) {
        if (ch < '0' || ch > '9') {
            throw Cursor.error("digit expected", i);
        }
        long next = v * 10 + (ch - '0');
        if (next > Integer.MAX_VALUE) {
            if (!cap) {
                throw Cursor.error("number too large", 0);
            }
            next = Integer.MAX_VALUE;
        }
        return next;
    }

    /** @return the value boxed, shared for the small values Content-Length and Expires often take */
    private static Integer box(int v) {
        return v >= 0 && v < BOXED.length ? BOXED[v] : Integer.valueOf(v);
    }

    /**
     * @param s {@code 1*DIGIT}, leading zeros allowed
     * @return the value, below 2^31
     * @throws drachtio.api.message.SipParseException when it does not match or is too large
     */
    public static Integer number(CharSequence s) {
        return box(digits(s, false));
    }

    /**
     * @param s {@code 1*DIGIT} of any length
     * @return the value, capped at 2^31-1
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static Integer deltaSeconds(CharSequence s) {
        return box(digits(s, true));
    }

    /** Decimal digits, read from the octets of an {@link AsciiChars} view without interface calls. */
    private static int digits(CharSequence s, boolean cap) {
        int n = s.length();
        if (n == 0) {
            throw Cursor.error("number expected", 0);
        }
        byte[] b = null;
        int o = 0;
        if (s instanceof AsciiChars a) {
            b = a.bytes();
            o = a.offset();
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = digit(v, b != null ? b[o + i] : s.charAt(i), i, cap);
        }
        return (int) v;
    }

    /**
     * @param s {@code type "/" subtype *(";" parameter)}, white space allowed around the separators
     * @return the media type
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static ContentType contentType(CharSequence s) {
        return contentTypeValue(new Cursor(s));
    }

    /**
     * {@link #contentType(CharSequence)} over octets: type and subtype with local indexes, a
     * {@link Cursor} only for parameters.
     *
     * @param b octets
     * @param o where the value starts
     * @param n its length
     * @return the media type
     */
    static ContentType contentType(byte[] b, int o, int n) {
        int end = o + n;
        int z = Cursor.span(b, o, end, Chars.TOKEN);
        if (z == o) {
            throw Cursor.error("media type expected", 0);
        }
        String type = Cursor.text(b, o, z - o);
        int p = Cursor.span(b, z, end, Chars.WS);
        if (p >= end || b[p] != '/') {
            throw Cursor.error("'/' expected in media type", p - o);
        }
        int a = Cursor.span(b, p + 1, end, Chars.WS);
        z = Cursor.span(b, a, end, Chars.TOKEN);
        if (z == a) {
            throw Cursor.error("media subtype expected", a - o);
        }
        String subtype = Cursor.text(b, a, z - a);
        p = Cursor.span(b, z, end, Chars.WS);
        if (p == end) {
            return new ContentType(type, subtype, Parameters.EMPTY);
        }
        if (b[p] != ';') {
            throw Cursor.error("unexpected character", p - o);
        }
        Cursor c = new Cursor(b, o, n);
        c.pos = z - o;
        ContentType ct = new ContentType(type, subtype, c.headerParams());
        c.expectEnd();
        return ct;
    }

    /** {@link #contentType(CharSequence)} over a cursor at the start of the value. */
    static ContentType contentTypeValue(Cursor c) {
        int a = c.token("media type");
        String type = c.text(a, c.pos);
        c.skipWs();
        if (!c.eat('/')) {
            throw c.error("'/' expected in media type");
        }
        c.skipWs();
        a = c.token("media subtype");
        String subtype = c.text(a, c.pos);
        ContentType ct = new ContentType(type, subtype, c.headerParams());
        c.expectEnd();
        return ct;
    }
}
