package drachtio.api.message;

import drachtio.api.header.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What request and response builders share: the header list and the body. Content-Length is
 * never taken from the caller; it is computed when the message is built.
 *
 * @param <B> the concrete builder
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>> permits SipRequest.Builder, SipResponse.Builder {
    final List<Header> headers = new ArrayList<>();
    byte[] body = new byte[0];

    MessageBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Appends a header field. The value's {@code toString()} is its wire form, so typed values
     * ({@code Address}, {@code Via}, ...) can be passed as they are.
     *
     * @param name the name, written with this case
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException when the name is not a token, or the value holds a line
     *     break or a control character that is not part of a quoted-pair
     */
    public B header(String name, Object value) {
        Objects.requireNonNull(value, "value");
        String text = value.toString();
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " holds a line break");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // RFC 3261 25.1: a control character only as a quoted-pair, as the parser reads it
            if ((c < 0x20 && c != '\t' || c == 0x7f) && (i == 0 || text.charAt(i - 1) != '\\')) {
                throw new IllegalArgumentException("header value of " + name + " holds the control character U+"
                        + String.format("%04X", (int) c));
            }
        }
        if (!HeaderNames.same(name, "Content-Length")) {
            headers.add(new Header(name, text.strip()));
        }
        return self();
    }

    /**
     * Inserts a header field before all others, as a stack does with its Via (RFC 3261 8.1.1.7).
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public B headerFirst(String name, Object value) {
        header(name, value);
        if (!HeaderNames.same(name, "Content-Length")) {
            headers.addFirst(headers.removeLast());
        }
        return self();
    }

    /**
     * Replaces every field of that name with one holding this value.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public B setHeader(String name, Object value) {
        removeHeader(name);
        return header(name, value);
    }

    /**
     * @param name a header name, any case, long or compact
     * @return this builder, without any field of that name
     */
    public B removeHeader(String name) {
        String key = HeaderNames.key(name);
        headers.removeIf(h -> HeaderNames.key(h.name()).equals(key));
        return self();
    }

    /**
     * Sets the body and its Content-Type.
     *
     * @param contentType the media type, e.g. {@code application/sdp}
     * @param content the octets
     * @return this builder
     */
    public B body(String contentType, byte[] content) {
        setHeader("Content-Type", contentType);
        body = content.clone();
        return self();
    }

    /**
     * Sets a text body, encoded as UTF-8, and its Content-Type.
     *
     * @param contentType the media type
     * @param content the text
     * @return this builder
     */
    public B body(String contentType, String content) {
        return body(contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a message's fields (not Content-Length, which is computed) and body into this builder. */
    void copy(SipMessage message) {
        Headers h = message.headers();
        for (int i = 0; i < h.size(); i++) {
            if (!HeaderNames.same(h.name(i), "Content-Length")) {
                headers.add(new Header(h.name(i), h.value(i)));
            }
        }
        body = message.body();
    }

    Headers buildHeaders() {
        List<Header> all = new ArrayList<>(headers.size() + 1);
        all.addAll(headers);
        all.add(new Header("Content-Length", Integer.toString(body.length)));
        return Headers.of(all);
    }
}
