package drachtio.api.header;

/**
 * A URI as it appears in a Request-URI or inside a name-addr: a SIP or SIPS URI, a tel URI, or
 * any other absolute URI kept as written (RFC 3261 19.1, RFC 3966).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {
    /** @return the scheme: {@code sip}, {@code sips} or {@code tel}, or another one as written */
    String scheme();

    /** @return the URI's wire form */
    @Override
    String toString();
}
