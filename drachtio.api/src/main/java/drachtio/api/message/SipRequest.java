package drachtio.api.message;

import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import java.util.Objects;

/**
 * An immutable SIP request (RFC 3261 7.1). Make one with {@link #builder(Method, Uri)}, or get
 * one from a parser.
 */
public final class SipRequest implements SipMessage {
    private final Method method;
    private final Uri uri;
    private final String version;
    private final Headers headers;
    private final WireForm wire;

    private SipRequest(Method method, Uri uri, String version, Headers headers, WireForm wire) {
        this.method = method;
        this.uri = uri;
        this.version = version;
        this.headers = headers;
        this.wire = wire;
    }

    /**
     * A request over received octets, for parser implementations; the array is handed over.
     *
     * @param method the method
     * @param uri the parsed Request-URI
     * @param version the version text of the request line
     * @param headers the headers over the same octets
     * @param source the octets
     * @param start where the message starts in them
     * @param bodyStart where its body starts
     * @param end where it ends (exclusive)
     * @return the request
     */
    public static SipRequest ofWire(Method method, Uri uri, String version, Headers headers,
                                    byte[] source, int start, int bodyStart, int end) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        Objects.checkFromToIndex(start, end, source.length);
        Objects.checkFromToIndex(bodyStart, end, source.length);
        return new SipRequest(method, uri, version, headers, new WireForm(source, start, bodyStart, end));
    }

    /**
     * @param method the method
     * @param uri the Request-URI
     * @return a builder for a SIP/2.0 request
     */
    public static Builder builder(Method method, Uri uri) {
        return new Builder(method, uri);
    }

    /**
     * @return a builder holding this request's method, URI, header fields and body, to make a
     *     changed copy (Content-Length is computed again)
     */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.copy(this);
        return b;
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the Request-URI */
    public Uri uri() {
        return uri;
    }

    /**
     * @param m a method
     * @return whether this request has that method
     */
    public boolean is(Method m) {
        return method.equals(m);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public byte[] toBytes() {
        return wire.bytes();
    }

    @Override
    public int bodyLength() {
        return wire.bodyLength();
    }

    @Override
    public byte[] body() {
        return wire.body();
    }

    /** @return the request line */
    public String requestLine() {
        return method + " " + uri + " " + version;
    }

    @Override
    public String toString() {
        return requestLine();
    }

    /** Builds a request; Content-Length is computed. */
    public static final class Builder extends MessageBuilder<Builder> {
        private final Method method;
        private final Uri uri;

        private Builder(Method method, Uri uri) {
            this.method = Objects.requireNonNull(method, "method");
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * @return the request
         * @throws IllegalArgumentException when the Request-URI is not wire text: a SIP URI part
         *     with a character it may hold only escaped ({@link SipUri#checked()}), or any URI
         *     with a space or a control character, which would end the request line early
         */
        public SipRequest build() {
            if (uri instanceof SipUri sip) {
                sip.checked();
            } else if (uri.toString().chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("the Request-URI holds a space or a control character");
            }
            Headers h = buildHeaders();
            String line = method + " " + uri + " SIP/2.0";
            return new SipRequest(method, uri, "SIP/2.0", h, WireForm.encode(line, h, body));
        }
    }
}
