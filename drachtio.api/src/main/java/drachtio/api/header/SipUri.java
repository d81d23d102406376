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
     */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user, null, host, -1, Parameters.EMPTY, Parameters.EMPTY);
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
     */
    public SipUri withParameter(String name, String value) {
        return new SipUri(secure, user, password, host, port, parameters.with(name, value), headers);
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
