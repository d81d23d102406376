package drachtio.parser.internal;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import drachtio.api.header.Uri;
import java.util.Arrays;

/**
 * URIs (RFC 3261 19.1 and 25.1, RFC 3966, RFC 5118): {@code sip:} and {@code sips:} become
 * {@link SipUri}, {@code tel:} becomes {@link TelUri}, any other {@code scheme:rest} an
 * {@link AbsoluteUri} kept as written.
 *
 * <p>Every part keeps its wire text ({@code %HH} escapes are checked, not decoded). The user
 * part ends at the one {@code @} a SIP URI may hold, so it may contain {@code ;}, {@code ?} and
 * {@code /} (RFC 4475 3.1.1.9). Hosts are names, IPv4 addresses, or IPv6 references in
 * brackets; an IPv6 address without brackets is refused, an IPv6 reference with the
 * three-colon form of RFC 5118 4.10 is accepted. Host names may hold {@code _} and the
 * grammar does not tell a name from a malformed IPv4 address (both are kept as written).
 */
public final class UriGrammar {
    private UriGrammar() {
    }

    /**
     * @param s the whole text of a URI, nothing around it
     * @return the URI
     * @throws drachtio.api.message.SipParseException when it is not one
     */
    public static Uri uri(CharSequence s) {
        Cursor c = new Cursor(s);
        return uri(c, c.end);
    }

    /**
     * {@link #uri(CharSequence)} over octets.
     *
     * @param b octets
     * @param off where the URI starts
     * @param len its length
     * @return the URI
     */
    static Uri uri(byte[] b, int off, int len) {
        Cursor c = new Cursor(b, off, len);
        return uri(c, len);
    }

    /**
     * @param s the whole text of a SIP or SIPS URI
     * @return the URI
     * @throws drachtio.api.message.SipParseException when it is not one
     */
    public static SipUri sipUri(CharSequence s) {
        Cursor c = new Cursor(s);
        int colon = scheme(c, c.end);
        boolean secure;
        if (c.equalsIgnoreCase(c.pos, colon, "sip")) {
            secure = false;
        } else if (c.equalsIgnoreCase(c.pos, colon, "sips")) {
            secure = true;
        } else {
            throw Cursor.error("not a SIP URI", c.pos);
        }
        c.pos = colon + 1;
        return sip(c, secure, c.end);
    }

    /**
     * Parses the URI from the cursor's position to {@code end}, which it must fill exactly.
     *
     * @param c the cursor
     * @param end where the URI ends
     * @return the URI; the position is at {@code end}
     */
    static Uri uri(Cursor c, int end) {
        int start = c.pos;
        int colon = scheme(c, end);
        int len = colon - start;
        if (len == 3 || len == 4) {
            if (c.equalsIgnoreCase(start, colon, "sip")) {
                c.pos = colon + 1;
                return sip(c, false, end);
            }
            if (c.equalsIgnoreCase(start, colon, "sips")) {
                c.pos = colon + 1;
                return sip(c, true, end);
            }
            if (c.equalsIgnoreCase(start, colon, "tel")) {
                c.pos = colon + 1;
                return tel(c, end);
            }
        }
        int bad = c.span(colon + 1, end, Chars.URIC);
        if (bad < end) {
            throw Cursor.error("character not allowed in URI", bad);
        }
        if (colon + 1 == end) {
            throw Cursor.error("empty URI after scheme", end);
        }
        String scheme = c.sub(start, colon);
        String rest = c.sub(colon + 1, end);
        c.pos = end;
        return new AbsoluteUri(scheme, rest);
    }

    /** @return the index of the colon ending the scheme at the cursor (which is left in place) */
    private static int scheme(Cursor c, int end) {
        int p = c.pos;
        if (p >= end) {
            throw Cursor.error("empty URI", p);
        }
        if (!c.is(p, Chars.ALPHA)) {
            throw Cursor.error("URI scheme expected", p);
        }
        p = c.span(p + 1, end, Chars.SCHEME);
        if (p >= end || c.at(p) != ':') {
            throw Cursor.error("URI scheme expected", p);
        }
        return p;
    }

    private static SipUri sip(Cursor c, boolean secure, int end) {
        int p = c.pos;
        // '@' is not a user character: the first one is where the user characters stop, or later
        int i = c.span(p, end, Chars.USER);
        int at = i < end && c.at(i) == '@' ? i : c.indexOf('@', i, end);
        String user = null;
        String password = null;
        if (at >= 0) {
            while ((i = c.span(i, at, Chars.USER)) < at) {
                char ch = c.at(i);
                if (ch == ':') {
                    break;
                } else if (ch == '%') {
                    i = escape(c, i, at);
                } else {
                    throw Cursor.error("character not allowed in URI user", i);
                }
            }
            if (i == p) {
                throw Cursor.error("empty URI user", p);
            }
            user = c.sub(p, i);
            if (i < at) {
                int pw = ++i;
                while ((i = c.span(i, at, Chars.PASSWORD)) < at) {
                    if (c.at(i) == '%') {
                        i = escape(c, i, at);
                    } else {
                        throw Cursor.error("character not allowed in URI password", i);
                    }
                }
                password = c.sub(pw, at);
            }
            p = at + 1;
        }
        int hostEnd = host(c, p, end);
        String host = c.host(p, hostEnd);
        p = hostEnd;
        int port = -1;
        if (p < end && c.at(p) == ':') {
            p++;
            int d = p;
            port = 0;
            while (p < end && c.is(p, Chars.DIGIT) && p - d < 5) {
                port = port * 10 + (c.at(p) - '0');
                p++;
            }
            if (p == d || port > 65535 || (p < end && c.is(p, Chars.DIGIT))) {
                throw Cursor.error("bad port", d);
            }
        }
        c.pos = p;
        Parameters params = uriParams(c, end);
        Parameters headers = Parameters.EMPTY;
        if (c.pos < end && c.at(c.pos) == '?') {
            c.pos++;
            headers = uriHeaders(c, end);
        }
        if (c.pos != end) {
            throw c.error("unexpected character in URI");
        }
        return new SipUri(secure, user, password, host, port, params, headers);
    }

    /**
     * Scans a host: a name or IPv4 address, or an IPv6 reference in brackets.
     *
     * @param s the text
     * @param p where the host starts
     * @param end the limit
     * @return where the host ends
     */
    static int host(Cursor s, int p, int end) {
        if (p >= end) {
            throw Cursor.error("host expected", p);
        }
        char first = s.at(p);
        if (first == '[') {
            int close = s.indexOf(']', p + 1, Math.min(end, p + 50));
            if (close < 0 || !ipv6(s, p + 1, close)) {
                throw Cursor.error("bad IPv6 reference", p);
            }
            return close + 1;
        }
        if (!Chars.isHost(first) || first == '-' || first == '.') {
            throw Cursor.error("host expected", p);
        }
        return s.span(p + 1, end, Chars.HOST);
    }

    /**
     * Checks an IPv6 address (RFC 4291 2.2, with an embedded IPv4 address allowed last), also
     * in the three-colon form RFC 5118 4.10 says to tolerate.
     *
     * @param s the text
     * @param a start of the address
     * @param b its end
     * @return whether it is one
     */
    static boolean ipv6(Cursor s, int a, int b) {
        if (b - a < 2) {
            return false;
        }
        int units = 0;
        int emptyRun = -1; // index of the group where the one run of empty groups starts
        int runLength = 0;
        boolean lastEmpty = false;
        int group = 0;
        int i = a;
        while (true) {
            int g = i;
            while (i < b && s.is(i, Chars.HEX)) {
                i++;
            }
            if (i < b && s.at(i) == '.') {
                // an IPv4 address: the last group
                if (!ipv4(s, g, b)) {
                    return false;
                }
                units += 2;
                lastEmpty = false;
                group++;
                break;
            }
            int len = i - g;
            if (len > 4) {
                return false;
            }
            if (len == 0) {
                if (emptyRun < 0) {
                    emptyRun = group;
                } else if (!lastEmpty) {
                    return false; // a second "::"
                }
                runLength++;
                lastEmpty = true;
            } else {
                units++;
                lastEmpty = false;
            }
            group++;
            if (i == b) {
                break;
            }
            if (s.at(i) != ':') {
                return false;
            }
            i++;
        }
        if (emptyRun < 0) {
            return units == 8;
        }
        if (runLength > 3) {
            return false;
        }
        boolean atStart = emptyRun == 0;
        boolean atEnd = emptyRun + runLength == group;
        if ((atStart || atEnd) && runLength < 2) {
            return false; // a lone ':' at either end
        }
        if (atStart && atEnd && group != 3) {
            return false;
        }
        return units <= 7;
    }

    private static boolean ipv4(Cursor s, int a, int b) {
        int parts = 0;
        int i = a;
        while (true) {
            int d = i;
            int v = 0;
            while (i < b && s.is(i, Chars.DIGIT) && i - d < 3) {
                v = v * 10 + (s.at(i) - '0');
                i++;
            }
            if (i == d || v > 255) {
                return false;
            }
            parts++;
            if (i == b) {
                return parts == 4;
            }
            if (s.at(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /** @return the index after a valid {@code %HH} escape at {@code i} */
    private static int escape(Cursor s, int i, int end) {
        if (i + 2 >= end || !s.is(i + 1, Chars.HEX) || !s.is(i + 2, Chars.HEX)) {
            throw Cursor.error("bad %-escape", i);
        }
        return i + 3;
    }

    /** Scans 1*(paramchar) from {@code i}; @return its end */
    private static int paramChars(Cursor s, int i, int end, String what) {
        int start = i;
        while ((i = s.span(i, end, Chars.PARAM)) < end && s.at(i) == '%') {
            i = escape(s, i, end);
        }
        if (i == start) {
            throw Cursor.error(what + " expected", i);
        }
        return i;
    }

    /** {@code *( ";" pname [ "=" pvalue ] )}, as in SIP and tel URIs. */
    private static Parameters uriParams(Cursor c, int end) {
        Cursor s = c;
        int p = c.pos;
        if (p >= end || s.at(p) != ';') {
            return Parameters.EMPTY;
        }
        int count = 0;
        for (int i = p; i < end; i++) {
            char ch = s.at(i);
            if (ch == ';') {
                count++;
            } else if (ch == '?') {
                break;
            }
        }
        String[] buf = new String[count * 2]; // pname and pvalue hold no ';': one per parameter
        int n = 0;
        while (p < end && s.at(p) == ';') {
            int nameStart = ++p;
            p = paramChars(s, p, end, "URI parameter name");
            String name = c.text(nameStart, p);
            String value = null;
            if (p < end && s.at(p) == '=') {
                int valueStart = ++p;
                p = paramChars(s, p, end, "URI parameter value");
                value = c.text(valueStart, p);
            }
            buf[n++] = name;
            buf[n++] = value;
        }
        c.pos = p;
        return Cursor.wrap(buf, n);
    }

    /** {@code hname "=" hvalue *( "&" hname "=" hvalue )}; a header without {@code =} is tolerated. */
    private static Parameters uriHeaders(Cursor c, int end) {
        Cursor s = c;
        int p = c.pos;
        String[] buf = new String[4];
        int n = 0;
        while (true) {
            int nameStart = p;
            p = hnv(s, p, end);
            if (p == nameStart) {
                throw Cursor.error("URI header name expected", p);
            }
            String name = s.sub(nameStart, p);
            String value = null;
            if (p < end && s.at(p) == '=') {
                int valueStart = ++p;
                p = hnv(s, p, end);
                value = s.sub(valueStart, p);
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = name;
            buf[n++] = value;
            if (p < end && s.at(p) == '&') {
                p++;
            } else {
                break;
            }
        }
        c.pos = p;
        return Cursor.wrap(buf, n);
    }

    private static int hnv(Cursor s, int i, int end) {
        while ((i = s.span(i, end, Chars.HNV)) < end && s.at(i) == '%') {
            i = escape(s, i, end);
        }
        return i;
    }

    /** RFC 3966 telephone-subscriber, kept as written: the number, then {@code ;} parameters. */
    private static TelUri tel(Cursor c, int end) {
        int p = c.pos;
        int start = p;
        while ((p = c.span(p, end, Chars.TEL)) < end && c.at(p) == '%') {
            p = escape(c, p, end);
        }
        if (p == start) {
            throw Cursor.error("telephone number expected", p);
        }
        String number = c.sub(start, p);
        c.pos = p;
        Parameters params = uriParams(c, end);
        if (c.pos != end) {
            throw c.error("unexpected character in tel URI");
        }
        return new TelUri(number, params);
    }
}
