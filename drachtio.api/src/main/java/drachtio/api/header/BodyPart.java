package drachtio.api.header;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One part of a multipart body: its MIME headers and content.
 *
 * @param headers the part's headers, in order, names as written
 * @param content the part's octets
 */
public record BodyPart(List<Header> headers, byte[] content) {

    /** Copies both, so the part stays immutable. */
    public BodyPart {
        headers = List.copyOf(headers);
        content = content.clone();
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header
     */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** @return the part's Content-Type value, as written */
    public Optional<String> contentType() {
        return header("Content-Type");
    }

    /** @return a copy of the content */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** @return the content decoded as UTF-8 */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPart p && headers.equals(p.headers) && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "BodyPart[" + headers.size() + " headers, " + content.length + " octets]";
    }
}
