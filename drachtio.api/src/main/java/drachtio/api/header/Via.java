package drachtio.api.header;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 20.42, RFC 3581).
 *
 * @param protocolName normally {@code SIP}
 * @param protocolVersion normally {@code 2.0}
 * @param transport the transport as written ({@code UDP}, {@code TCP}, {@code TLS}, ...)
 * @param host the sent-by host: a name, IPv4 address or bracketed IPv6 reference
 * @param port the sent-by port, or -1 when none was given
 * @param parameters the via parameters, in order
 */
public record Via(String protocolName, String protocolVersion, String transport, String host,
                  int port, Parameters parameters) {

    /** The RFC 3261 magic cookie that starts every compliant branch. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    /** Checks the parts. */
    public Via {
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(parameters, "parameters");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * A {@code SIP/2.0} Via.
     *
     * @param transport the transport
     * @param host the sent-by host
     * @param port the sent-by port or -1
     * @param branch the branch, or {@code null}
     * @return the Via
     */
    public static Via of(String transport, String host, int port, String branch) {
        Parameters p = branch == null ? Parameters.EMPTY : Parameters.of("branch", branch);
        return new Via("SIP", "2.0", transport, host, port, p);
    }

    /** @return the {@code branch} parameter */
    public Optional<String> branch() {
        return parameters.get("branch");
    }

    /** @return whether the branch starts with the RFC 3261 magic cookie (17.2.3) */
    public boolean rfc3261Branch() {
        return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
    }

    /** @return the {@code received} parameter */
    public Optional<String> received() {
        return parameters.get("received");
    }

    /** @return whether {@code rport} is present, with or without a value (RFC 3581) */
    public boolean hasRport() {
        return parameters.contains("rport");
    }

    /** @return the value of {@code rport}, when it has a numeric one */
    public OptionalInt rport() {
        return parameters.get("rport").map(Via::port).orElse(OptionalInt.empty());
    }

    /** @return the {@code maddr} parameter */
    public Optional<String> maddr() {
        return parameters.get("maddr");
    }

    /** @return {@code host} or {@code host:port} */
    public String sentBy() {
        return port < 0 ? host : host + ':' + port;
    }

    /**
     * @param name the parameter
     * @param value its value, or {@code null} for a flag
     * @return a copy with that parameter set
     */
    public Via withParameter(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, parameters.with(name, value));
    }

    private static OptionalInt port(String s) {
        if (s.isEmpty()) {
            return OptionalInt.empty();
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            // leading zeros are digits like any other (05060 is 5060); past 65535 it is no port
            n = Math.min(65536, n * 10 + (c - '0'));
        }
        return n <= 65535 ? OptionalInt.of(n) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion)
                .append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        parameters.appendTo(sb, ';', ';');
        return sb.toString();
    }
}
