package drachtio.parser.internal;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.Parameters;
import drachtio.api.header.Uri;
import java.util.ArrayList;
import java.util.List;

/**
 * name-addr and addr-spec values with header parameters (RFC 3261 20.10, 25.1): From, To,
 * Contact, Route, Record-Route, Reply-To, Refer-To, and lists of them.
 *
 * <p>A display name is a quoted-string (quoted-pairs resolved, any UTF-8 allowed) or tokens
 * separated by white space (kept joined by single spaces); anything else before {@code <}
 * is refused (RFC 4475 3.1.2.15). No white space is needed before {@code <} (RFC 4475
 * 3.1.1.6). Inside {@code <>} the URI must fill the brackets exactly: no white space
 * (RFC 4475 3.1.2.14 is refused). Without brackets the URI ends at the first {@code ;},
 * {@code ,} or white space and every {@code ;} parameter belongs to the header (RFC 3261
 * 20.10); a URI holding {@code ?} headers is tolerated there (RFC 4475 3.1.2.13).
 */
public final class AddressGrammar {
    private AddressGrammar() {
    }

    /**
     * @param s one address with its parameters
     * @return the address
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static Address address(CharSequence s) {
        return addressValue(new Cursor(s));
    }

    /** {@link #address(CharSequence)} over a cursor at the start of the value. */
    static Address addressValue(Cursor c) {
        Address a = address(c);
        c.expectEnd();
        return a;
    }

    /**
     * @param s a comma-separated list of addresses
     * @return the addresses, at least one
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static List<Address> addresses(CharSequence s) {
        return addressesValue(new Cursor(s));
    }

    /** {@link #addresses(CharSequence)} over a cursor at the start of the value. */
    static List<Address> addressesValue(Cursor c) {
        Address first = address(c);
        if (!nextElement(c)) {
            return List.of(first);
        }
        Address second = address(c);
        if (!nextElement(c)) {
            return List.of(first, second);
        }
        List<Address> out = new ArrayList<>(4);
        out.add(first);
        out.add(second);
        do {
            out.add(address(c));
        } while (nextElement(c));
        return List.copyOf(out);
    }

    /**
     * @param s a Contact value: {@code *} or a comma-separated list of contacts
     * @return the contacts; {@link Contact#WILDCARD} alone for {@code *}
     * @throws drachtio.api.message.SipParseException when it does not match
     */
    public static List<Contact> contacts(CharSequence s) {
        return contactsValue(new Cursor(s));
    }

    /** {@link #contacts(CharSequence)} over a cursor at the start of the value. */
    static List<Contact> contactsValue(Cursor c) {
        c.skipWs();
        if (c.peek() == '*') {
            c.pos++;
            c.expectEnd();
            return List.of(Contact.WILDCARD);
        }
        Contact first = new Contact(address(c));
        if (!nextElement(c)) {
            return List.of(first);
        }
        Contact second = new Contact(address(c));
        if (!nextElement(c)) {
            return List.of(first, second);
        }
        List<Contact> out = new ArrayList<>(4);
        out.add(first);
        out.add(second);
        do {
            out.add(new Contact(address(c)));
        } while (nextElement(c));
        return List.copyOf(out);
    }

    /**
     * Moves past the comma between list elements.
     *
     * @return true when another element follows, false at the end of the text
     */
    static boolean nextElement(Cursor c) {
        c.skipWs();
        if (!c.more()) {
            return false;
        }
        if (!c.eat(',')) {
            throw c.error("unexpected character");
        }
        c.skipWs();
        return true;
    }

    /** Parses one address and its parameters from the cursor; stops before {@code ,} or the end. */
    static Address address(Cursor c) {
        c.skipWs();
        String display = null;
        int ch = c.peek();
        if (ch == '"') {
            int a = c.pos;
            boolean pairs = c.quoted();
            display = c.unquote(a, c.pos, pairs);
            c.skipWs();
            if (c.peek() != '<') {
                throw c.error("'<' expected after display name");
            }
        } else if (ch != '<') {
            int a = c.pos;
            c.token("address");
            if (c.peek() == ':') {
                // addr-spec: the URI ends at ";", "," or white space
                c.pos = a;
                int end = a;
                while (end < c.end) {
                    char u = c.at(end);
                    if (u == ';' || u == ',' || u == ' ' || u == '\t') {
                        break;
                    }
                    end++;
                }
                Uri uri = UriGrammar.uri(c, end);
                return new Address(null, uri, c.headerParams());
            }
            display = displayTokens(c, a);
        }
        // at '<'
        int open = c.pos;
        int close = c.indexOf('>', open + 1, c.end);
        if (close < 0) {
            throw c.error("'>' expected");
        }
        c.pos = open + 1;
        Uri uri = UriGrammar.uri(c, close);
        c.pos = close + 1;
        Parameters params = c.headerParams();
        return new Address(display, uri, params);
    }

    /**
     * The rest of an unquoted display name whose first token was already consumed: tokens
     * separated by white space up to {@code <}.
     */
    private static String displayTokens(Cursor c, int start) {
        int lastEnd = c.pos;
        boolean single = true;
        while (true) {
            c.skipWs();
            int ch = c.peek();
            if (ch == '<') {
                break;
            }
            if (!Chars.isToken(ch)) {
                throw c.error(ch < 0 ? "'<' expected after display name" : "display name is not a token or quoted-string");
            }
            single = false;
            c.token("display name");
            lastEnd = c.pos;
        }
        if (single) {
            return c.sub(start, lastEnd);
        }
        StringBuilder sb = new StringBuilder(lastEnd - start);
        boolean gap = false;
        for (int i = start; i < lastEnd; i++) {
            char ch = c.at(i);
            if (Chars.isWs(ch)) {
                gap = true;
            } else {
                if (gap) {
                    sb.append(' ');
                    gap = false;
                }
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
