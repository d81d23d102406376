package drachtio.parser.internal;

import drachtio.api.header.Parameters;
import drachtio.api.header.Via;
import java.util.ArrayList;
import java.util.List;

/**
 * Via values (RFC 3261 20.42, 25.1; RFC 3581; RFC 5118 4.5):
 * {@code protocol-name SLASH version SLASH transport LWS sent-by *(SEMI via-params)}, with
 * white space allowed around each {@code /}, {@code :}, {@code ;} and {@code =} (RFC 4475
 * 3.1.1.1). The sent-by host is a name, an IPv4 address or a bracketed IPv6 reference;
 * parameter values may be tokens, quoted-strings or IPv6 addresses with or without brackets
 * ({@code received}); {@code rport} without a value is a flag.
 */
public final class ViaGrammar {
    private ViaGrammar() {
    }

    /**
     * @param s exactly one Via value
     * @return the Via
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static Via via(CharSequence s) {
        return viaValue(new Cursor(s));
    }

    /** {@link #via(CharSequence)} over a cursor at the start of the value. */
    static Via viaValue(Cursor c) {
        Via v = via(c);
        c.expectEnd();
        return v;
    }

    /**
     * @param s a comma-separated list of Via values
     * @return the values, top first
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static List<Via> vias(CharSequence s) {
        return viasValue(new Cursor(s));
    }

    /** {@link #vias(CharSequence)} over a cursor at the start of the value. */
    static List<Via> viasValue(Cursor c) {
        Via first = via(c);
        if (!AddressGrammar.nextElement(c)) {
            return List.of(first);
        }
        Via second = via(c);
        if (!AddressGrammar.nextElement(c)) {
            return List.of(first, second);
        }
        List<Via> out = new ArrayList<>(4);
        out.add(first);
        out.add(second);
        do {
            out.add(via(c));
        } while (AddressGrammar.nextElement(c));
        return List.copyOf(out);
    }

    private static Via via(Cursor c) {
        c.skipWs();
        int a = c.token("protocol name");
        String name = c.text(a, c.pos);
        slash(c);
        a = c.token("protocol version");
        String version = c.text(a, c.pos);
        slash(c);
        a = c.token("transport");
        String transport = c.text(a, c.pos);
        if (!c.skipWs()) {
            throw c.error("white space expected before sent-by");
        }
        int hostStart = c.pos;
        int hostEnd = UriGrammar.host(c, hostStart, c.end);
        String host = c.host(hostStart, hostEnd);
        c.pos = hostEnd;
        int port = -1;
        int save = c.pos;
        c.skipWs();
        if (c.eat(':')) {
            c.skipWs();
            int d = c.pos;
            port = 0;
            int p = d;
            while (p < c.end && c.is(p, Chars.DIGIT) && p - d < 5) {
                port = port * 10 + (c.at(p) - '0');
                p++;
            }
            c.pos = p;
            if (c.pos == d || port > 65535 || Chars.isDigit(c.peek())) {
                throw Cursor.error("bad port", d);
            }
        } else {
            c.pos = save;
        }
        Parameters params = c.headerParams();
        return new Via(name, version, transport, host, port, params);
    }

    private static void slash(Cursor c) {
        c.skipWs();
        if (!c.eat('/')) {
            throw c.error("'/' expected in sent-protocol");
        }
        c.skipWs();
    }
}
