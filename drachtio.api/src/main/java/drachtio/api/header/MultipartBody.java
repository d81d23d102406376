package drachtio.api.header;

import java.util.List;
import java.util.Objects;

/**
 * A multipart MIME body split into its parts (RFC 2046 5.1, RFC 5621), as carried by
 * {@code multipart/mixed} or {@code multipart/alternative} SIP bodies.
 *
 * @param boundary the boundary from the Content-Type
 * @param parts the body parts, in order
 */
public record MultipartBody(String boundary, List<BodyPart> parts) {

    /** Copies the list. */
    public MultipartBody {
        Objects.requireNonNull(boundary, "boundary");
        parts = List.copyOf(parts);
    }
}
