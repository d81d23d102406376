package drachtio.parser.internal;

import drachtio.api.header.Challenge;
import drachtio.api.header.Credentials;
import drachtio.api.header.Parameters;
import java.util.Arrays;

/**
 * WWW-Authenticate, Proxy-Authenticate, Authorization and Proxy-Authorization values
 * (RFC 3261 25.1, RFC 7235 2.1): {@code scheme [LWS auth-param *(COMMA auth-param)]}, where
 * an auth-param is {@code name LWS? "=" LWS? (token / quoted-string)}. Values are kept as
 * written (a quoted-string keeps its quotes); any scheme parses the same way (RFC 4475 3.3.7).
 *
 * <p>Tolerated beyond the grammar: a parameter without {@code =} (a flag, value
 * {@code null}), and unquoted values that also hold {@code / : @ [ ] ?} (digest-uri sent
 * unquoted by some agents).
 *
 * <p>A bare token68 ({@code Basic QWxhZGRpbjpvcGVu==}, RFC 7235 2.1) is represented as one
 * parameter whose name is the whole token68 text and whose value is {@code null}, so the
 * value's wire form is unchanged.
 */
public final class AuthGrammar {
    private AuthGrammar() {
    }

    /**
     * @param s a challenge
     * @return the challenge
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static Challenge challenge(CharSequence s) {
        return challengeValue(new Cursor(s));
    }

    /** {@link #challenge(CharSequence)} over a cursor at the start of the value. */
    static Challenge challengeValue(Cursor c) {
        int a = c.token("auth scheme");
        String scheme = c.text(a, c.pos);
        return new Challenge(scheme, params(c));
    }

    /**
     * @param s credentials
     * @return the credentials
     * @throws drachtio.api.message.SipParseException when they do not match
     */
    public static Credentials credentials(CharSequence s) {
        return credentialsValue(new Cursor(s));
    }

    /** {@link #credentials(CharSequence)} over a cursor at the start of the value. */
    static Credentials credentialsValue(Cursor c) {
        int a = c.token("auth scheme");
        String scheme = c.text(a, c.pos);
        return new Credentials(scheme, params(c));
    }

    private static Parameters params(Cursor c) {
        boolean ws = c.skipWs();
        if (!c.more()) {
            return Parameters.EMPTY;
        }
        if (!ws) {
            throw c.error("white space expected after auth scheme");
        }
        int t68End = token68(c);
        if (t68End > 0) {
            String t = c.sub(c.pos, t68End);
            c.pos = c.end;
            return Parameters.wrap(new String[] {t, null});
        }
        String[] buf = new String[countParams(c) * 2];
        int n = 0;
        while (true) {
            int a = c.token("auth-param name");
            String name = c.text(a, c.pos);
            String value = null;
            c.skipWs();
            if (c.eat('=')) {
                c.skipWs();
                value = value(c);
                c.skipWs();
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = name;
            buf[n++] = value;
            if (!c.more()) {
                break;
            }
            if (!c.eat(',')) {
                throw c.error("',' expected between auth-params");
            }
            c.skipWs();
        }
        return Cursor.wrap(buf, n);
    }

    /**
     * Counts the commas outside quoted-strings from the position on, plus one: the number of
     * auth-params when the text is well formed, so their array is sized once (a digest
     * Authorization carries nine or ten).
     */
    private static int countParams(Cursor c) {
        int n = 1;
        int p = c.pos;
        while ((p = c.span(p, c.end, Chars.NOT_PARAM_SEP)) < c.end) {
            char ch = c.at(p++);
            if (ch == ',') {
                n++;
            } else if (ch == '"') {
                while (p < c.end && (ch = c.at(p++)) != '"') {
                    if (ch == '\\') {
                        p++;
                    }
                }
            }
        }
        return n;
    }

    /**
     * @return the end of a token68 that fills the rest of the text (white space may follow),
     *     or -1 when the rest is not one
     */
    private static int token68(Cursor c) {
        int p = c.span(c.pos, c.end, Chars.TOKEN68);
        if (p == c.pos) {
            return -1;
        }
        while (p < c.end && c.at(p) == '=') {
            p++;
        }
        int t = p;
        p = c.span(p, c.end, Chars.WS);
        return p == c.end ? t : -1;
    }

    private static String value(Cursor c) {
        int a = c.pos;
        if (c.peek() == '"') {
            c.quoted();
            return c.sub(a, c.pos);
        }
        int p = a;
        while (p < c.end) {
            char ch = c.at(p);
            if (Chars.isToken(ch) || ch == '/' || ch == ':' || ch == '@' || ch == '[' || ch == ']' || ch == '?') {
                p++;
            } else {
                break;
            }
        }
        if (p == a) {
            throw c.error("auth-param value expected");
        }
        c.pos = p;
        return c.text(a, p);
    }
}
