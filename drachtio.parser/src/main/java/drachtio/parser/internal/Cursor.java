package drachtio.parser.internal;

import drachtio.api.header.Parameters;
import drachtio.api.message.SipParseException;
import java.util.Arrays;

/**
 * A position in a header value being parsed, with the scanning steps every grammar shares:
 * white space, tokens, quoted-strings and {@code ;name=value} header parameters.
 *
 * <p>Offsets in errors are indexes into the text given to the constructor. Not thread-safe;
 * one per parse.
 */
final class Cursor {
    /** Names and values common enough to share one String instead of copying each time. */
    private static final String[][] COMMON = common("SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
            "branch", "tag", "rport", "received", "transport", "lr", "expires", "q", "maddr", "ttl", "user",
            "phone", "udp", "tcp", "tls", "ws", "wss", "method", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS",
            "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
            "application", "sdp", "multipart", "mixed", "alternative", "related", "boundary", "text", "plain",
            "charset", "Digest", "Basic", "Bearer", "realm", "nonce", "opaque", "algorithm", "qop", "auth",
            "MD5", "SHA-256", "username", "uri", "response", "cnonce", "nc", "stale", "true", "false",
            "+sip.instance", "reg-id", "ob", "gr", "alias", "comp", "sigcomp", "ftag", "did", "to-tag",
            "from-tag", "rinstance", "line");

    final CharSequence s;
    final int end;
    int pos;

    Cursor(CharSequence s) {
        this.s = s;
        this.end = s.length();
    }

    private static String[][] common(String... words) {
        int max = 0;
        for (String w : words) {
            max = Math.max(max, w.length());
        }
        String[][] byLength = new String[max + 1][0];
        for (String w : words) {
            String[] old = byLength[w.length()];
            String[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = w;
            byLength[w.length()] = grown;
        }
        return byLength;
    }

    /** @return a parse error at the current position */
    SipParseException error(String reason) {
        return new SipParseException(reason, Math.min(pos, end));
    }

    static SipParseException error(String reason, int at) {
        return new SipParseException(reason, at);
    }

    boolean more() {
        return pos < end;
    }

    /** @return the character at the position, or -1 at the end */
    int peek() {
        return pos < end ? s.charAt(pos) : -1;
    }

    /** @return whether the character at the position is {@code c}; consumes it if so */
    boolean eat(char c) {
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips SP and HTAB. @return whether any was skipped */
    boolean skipWs() {
        int p = pos;
        while (p < end && Chars.isWs(s.charAt(p))) {
            p++;
        }
        boolean any = p > pos;
        pos = p;
        return any;
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
        int p = pos;
        while (p < end && Chars.isToken(s.charAt(p))) {
            p++;
        }
        if (p == pos) {
            throw error(what + " expected");
        }
        int start = pos;
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
        while (p < end) {
            char c = s.charAt(p);
            if (c == '"') {
                pos = p + 1;
                return pairs;
            }
            if (c == '\\') {
                if (p + 1 >= end) {
                    break;
                }
                char n = s.charAt(p + 1);
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
     * @param b its end (after the closing quote)
     * @param pairs whether it contains quoted-pairs
     * @return the content without quotes, quoted-pairs resolved
     */
    String unquote(int a, int b, boolean pairs) {
        if (!pairs) {
            return s.subSequence(a + 1, b - 1).toString();
        }
        StringBuilder sb = new StringBuilder(b - a);
        for (int i = a + 1; i < b - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * @param a start
     * @param b end
     * @return the text between, shared when it is a common word
     */
    String text(int a, int b) {
        int len = b - a;
        if (len < COMMON.length) {
            for (String w : COMMON[len]) {
                if (regionMatches(a, w)) {
                    return w;
                }
            }
        }
        return s.subSequence(a, b).toString();
    }

    private boolean regionMatches(int a, String w) {
        for (int i = 0; i < w.length(); i++) {
            if (s.charAt(a + i) != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the text from {@code a} to {@code b} equals {@code w} ignoring ASCII case */
    boolean equalsIgnoreCase(int a, int b, String w) {
        if (b - a != w.length()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if ((s.charAt(a + i) | 0x20) != w.charAt(i)) {
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
        int room = 0;
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
                room = countParams(save);
                buf = new String[room * 2];
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
        while (p < end) {
            char c = s.charAt(p++);
            if (c == ';') {
                count++;
            } else if (c == ',') {
                break;
            } else if (c == '"') {
                while (p < end && (c = s.charAt(p++)) != '"') {
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
            return s.subSequence(a, pos).toString();
        }
        int p = pos;
        while (p < end && Chars.isGenValue(s.charAt(p))) {
            p++;
        }
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
