package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.header.SipUri;
import drachtio.parser.Grammars;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Turns a SIP URI into a hop to send a request to. The host is an IP literal or a name looked
 * up for A/AAAA records with the system resolver ({@link java.net.InetAddress}); RFC 3263
 * NAPTR and SRV lookups are <em>not</em> done, so a name without a port always means port 5060
 * (5061 for {@code sips}). The transport is the URI's {@code transport} parameter, else UDP;
 * always {@code TLS} for {@code sips}. A {@code maddr} parameter overrides the host.
 */
public final class SipTargets {
    private SipTargets() {
    }

    /**
     * @param target a SIP URI as text, e.g. {@code sip:alice@10.0.0.1:5080;transport=tcp}
     * @return the hop, without a local address
     * @throws drachtio.api.message.SipParseException when it is not a SIP URI
     * @throws drachtio.transport.internal.TransportException when the host does not resolve
     */
    public static Hop resolve(String target) {
        return resolve(Grammars.SIP_URI.parse(target));
    }

    /**
     * @param uri a SIP or SIPS URI
     * @return the hop, without a local address
     * @throws drachtio.transport.internal.TransportException when the host does not resolve
     */
    public static Hop resolve(SipUri uri) {
        // a sips URI always means TLS, whatever its transport parameter says (RFC 3261 26.2.2,
        // RFC 5630 3.1.3: "transport=tcp" there is TLS over TCP); sending it in the clear would
        // be a silent downgrade
        String transport = uri.secure() ? "TLS" : uri.transport().map(t -> t.toUpperCase(Locale.ROOT)).orElse("UDP");
        String host = uri.maddr().orElse(uri.host());
        int port = uri.hasPort() ? uri.port() : ResponseRouting.defaultPort(uri.secure() ? "TLS" : transport);
        return new Hop(transport, new InetSocketAddress(Addresses.resolve(host), port), null);
    }
}
