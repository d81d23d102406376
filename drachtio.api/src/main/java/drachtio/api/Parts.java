package drachtio.api;

import drachtio.api.header.Header;
import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Extra headers and a body to put into a message the App builds: a response
 * ({@link Response#send(int, Parts)}) or a request ({@link Uac#request}). Immutable: each
 * method returns a new value. Header names keep the case written here.
 *
 * <pre>{@code
 * res.send(200, Parts.header("X-Served-By", "drachtio").withBody("application/sdp", sdp));
 * }</pre>
 *
 * @param headers the headers, in order; a header named here replaces the App's own value for
 *     {@code From}, {@code To}, {@code Contact}, {@code Call-ID} and {@code CSeq} in requests
 * @param contentType the body's media type, {@code null} when there is no body
 * @param body the body octets (empty when none)
 */
public record Parts(List<Header> headers, String contentType, byte[] body) {

    /** No headers and no body. */
    public static final Parts NONE = new Parts(List.of(), null, new byte[0]);

    /** Checks and copies. */
    public Parts {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        body = body.clone();
        if (contentType == null && body.length > 0) {
            throw new IllegalArgumentException("a body needs a content type");
        }
    }

    /**
     * @param name header name, in the case to send
     * @param value header value
     * @return parts holding that header
     */
    public static Parts header(String name, Object value) {
        return NONE.with(name, value);
    }

    /**
     * @param contentType the media type, e.g. {@code application/sdp}
     * @param text the body, sent as UTF-8
     * @return parts holding that body
     */
    public static Parts body(String contentType, String text) {
        return NONE.withBody(contentType, text);
    }

    /**
     * @param name header name, in the case to send
     * @param value header value ({@code toString()} is sent)
     * @return these parts plus that header
     */
    public Parts with(String name, Object value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, String.valueOf(value)));
        return new Parts(more, contentType, body);
    }

    /**
     * @param type the media type
     * @param text the body, sent as UTF-8
     * @return these parts with that body
     */
    public Parts withBody(String type, String text) {
        return withBody(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param type the media type
     * @param octets the body
     * @return these parts with that body
     */
    public Parts withBody(String type, byte[] octets) {
        return new Parts(headers, Objects.requireNonNull(type, "type"), octets);
    }

    /**
     * @param name a header name, any case, long or compact form
     * @return whether these parts carry a header of that name
     */
    public boolean has(String name) {
        for (Header h : headers) {
            if (HeaderNames.same(h.name(), name)) {
                return true;
            }
        }
        return false;
    }

    /** @return the body octets (a copy) */
    @Override
    public byte[] body() {
        return body.clone();
    }
}
