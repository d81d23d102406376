package drachtio.api.header;

import java.util.Objects;
import java.util.Optional;

/**
 * A SIP or SIPS URI (RFC 3261 19.1.1). Every part keeps its wire text: {@code %HH} escapes in
 * the user part, parameters and headers are not decoded, so a URI can be written out unchanged.
 *
 * @param secure whether the scheme is {@code sips}
 * @param user the user part as written, or {@code null} when there is none; it may contain
 *     {@code ;} (RFC 4475 3.1.1.9)
 * @param password the password as written, or {@code null}
 * @param host the host: a name, an IPv4 address or an IPv6 reference with its brackets
 * @param port the port, or -1 when none was given
 * @param parameters the URI parameters ({@code ;transport=tcp;lr})
 * @param headers the URI headers ({@code ?subject=x&priority=urgent}), as name/value pairs
 */
public record SipUri(boolean secure, String user, String password, String host, int port,
                     Parameters parameters, Parameters headers) implements Uri {

    /** Checks the parts. */
    public SipUri {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(headers, "headers");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("a password needs a user");
        }
    }

    /**
     * A plain {@code sip:user@host} URI.
     *
     * @param user the user part, or {@code null}
     * @param host the host
     * @return the URI
     * @throws IllegalArgumentException when a part holds a character it may hold only escaped
     *     (see {@link #checked()})
     */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user, null, host, -1, Parameters.EMPTY, Parameters.EMPTY).checked();
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** @return whether a port was given */
    public boolean hasPort() {
        return port >= 0;
    }

    /** @return the {@code transport} parameter */
    public Optional<String> transport() {
        return parameters.get("transport");
    }

    /** @return whether the {@code lr} parameter is present (loose routing, RFC 3261 16.4) */
    public boolean lr() {
        return parameters.contains("lr");
    }

    /** @return the {@code maddr} parameter */
    public Optional<String> maddr() {
        return parameters.get("maddr");
    }

    /** @return {@code host} or {@code host:port} */
    public String hostPort() {
        return port < 0 ? host : host + ':' + port;
    }

    /**
     * @param name the parameter name
     * @param value the value, or {@code null} for a flag
     * @return a copy with that URI parameter set
     * @throws IllegalArgumentException when the name or value holds a character a URI
     *     parameter may hold only escaped (see {@link #checked()})
     */
    public SipUri withParameter(String name, String value) {
        return new SipUri(secure, user, password, host, port, parameters.with(name, value), headers).checked();
    }

    /**
     * Checks that every part is wire text of its RFC 3261 25.1 class, as a parsed URI's parts
     * always are: the user, password, parameters and headers hold only the characters their
     * classes allow unescaped, and {@code %} only as the start of a {@code %HH} escape; the host is
     * a name, an IPv4 address or a bracketed IPv6 reference. A part that breaks this would be
     * written out as another URI, or as text no parser accepts (a space, a line break, a second
     * {@code @}). Builders of outgoing requests call it on the Request-URI.
     *
     * @return this URI
     * @throws IllegalArgumentException naming the part and the character
     */
    public SipUri checked() {
        requireClass("user", user, "&=+$,;?/");
        requireClass("password", password, "&=+$,");
        requireHost(host);
        for (int i = 0; i < parameters.size(); i++) {
            requireClass("parameter name", parameters.name(i), "[]/:&+$");
            requireClass("parameter value", parameters.value(i), "[]/:&+$");
        }
        for (int i = 0; i < headers.size(); i++) {
            requireClass("header name", headers.name(i), "[]/?:+$");
            requireClass("header value", headers.value(i), "[]/?:+$");
        }
        return this;
    }

    /** @param extra the characters the part's class allows besides the unreserved ones and escapes */
    private static void requireClass(String part, String text, String extra) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = alphanumeric(c) || "-_.!~*'()".indexOf(c) >= 0 || extra.indexOf(c) >= 0
                    || c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) && hex(text.charAt(i + 2));
            if (!ok) {
                throw new IllegalArgumentException("the URI " + part + " " + printable(text) + " holds "
                        + printable(String.valueOf(c)) + ", which it may hold only escaped as %HH");
            }
        }
    }

    private static void requireHost(String host) {
        boolean ok;
        if (host.startsWith("[")) {
            ok = host.length() > 2 && host.endsWith("]")
                    && host.substring(1, host.length() - 1).chars().allMatch(c -> hex((char) c) || c == ':' || c == '.');
        } else {
            ok = host.chars().allMatch(c -> alphanumeric((char) c) || c == '-' || c == '.' || c == '_');
        }
        if (!ok) {
            throw new IllegalArgumentException("not a host name, IPv4 address or [IPv6] reference: " + printable(host));
        }
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** @return the text in quotes, control characters shown as U+XXXX, for an error message */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    /**
     * Whether this URI and another are equivalent as RFC 3261 19.1.4 compares SIP URIs, which
     * record equality (the parts exactly as written) does not: the same scheme; user and
     * password equal once {@code %HH} escapes are decoded, case counting; the host equal
     * ignoring case; the same port, or none in both (a default port is not implied); every
     * parameter present in both equal in value ignoring case, and {@code user}, {@code ttl},
     * {@code method}, {@code maddr} and {@code transport} present in both or in neither (any
     * other parameter in one only is ignored; {@code transport} is on that list as the section's
     * own examples have it); the same headers, in any order. Equivalence is not transitive.
     *
     * @param other the other URI
     * @return whether they are equivalent
     */
    public boolean equivalent(SipUri other) {
        if (secure != other.secure || port != other.port || !host.equalsIgnoreCase(other.host)
                || !Objects.equals(unescape(user), unescape(other.user))
                || !Objects.equals(unescape(password), unescape(other.password))) {
            return false;
        }
        return parametersAgree(parameters, other.parameters) && parametersAgree(other.parameters, parameters)
                && headersMatch(headers, other.headers) && headersMatch(other.headers, headers);
    }

    /** @return whether each parameter of {@code a} is in {@code b} with the same value, or may be missing there */
    private static boolean parametersAgree(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            String name = a.name(i);
            if (b.contains(name)) {
                if (!sameIgnoringCase(a.value(i), b.get(name).orElse(null))) {
                    return false;
                }
            } else if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase("ttl")
                    || name.equalsIgnoreCase("method") || name.equalsIgnoreCase("maddr")
                    || name.equalsIgnoreCase("transport")) {
                return false;
            }
        }
        return true;
    }

    /** @return whether each header of {@code a} is in {@code b} with the same value */
    private static boolean headersMatch(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            if (!b.contains(a.name(i)) || !sameIgnoringCase(a.value(i), b.get(a.name(i)).orElse(null))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringCase(String x, String y) {
        String a = unescape(x);
        String b = unescape(y);
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /**
     * @param text a part of a URI as written, or {@code null}
     * @return the text with each {@code %HH} escape decoded (as UTF-8), or {@code null}; an
     *     escape that is not two hex digits is kept as written
     */
    public static String unescape(String text) {
        if (text == null || text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = c == '%' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48).append(secure ? "sips:" : "sip:");
        if (user != null) {
            sb.append(user);
            if (password != null) {
                sb.append(':').append(password);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        parameters.appendTo(sb, ';', ';');
        headers.appendTo(sb, '?', '&');
        return sb.toString();
    }
}
