package drachtio.api.header;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A media type with parameters, as in Content-Type (RFC 3261 20.15).
 *
 * @param type the top-level type as written ({@code application})
 * @param subtype the subtype as written ({@code sdp})
 * @param parameters the parameters ({@code ;boundary=...})
 */
public record ContentType(String type, String subtype, Parameters parameters) {

    /** Checks the parts. */
    public ContentType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(parameters, "parameters");
        if (type.isEmpty() || subtype.isEmpty()) {
            throw new IllegalArgumentException("type and subtype must not be empty");
        }
    }

    /**
     * @param type e.g. {@code application}
     * @param subtype e.g. {@code sdp}
     * @return a media type without parameters
     */
    public static ContentType of(String type, String subtype) {
        return new ContentType(type, subtype, Parameters.EMPTY);
    }

    /** @return {@code type/subtype} in lower case, for comparisons */
    public String mediaType() {
        return (type + '/' + subtype).toLowerCase(Locale.ROOT);
    }

    /**
     * @param mediaType {@code type/subtype}, any case
     * @return whether this is that media type
     */
    public boolean is(String mediaType) {
        return mediaType().equalsIgnoreCase(mediaType);
    }

    /** @return whether the top-level type is {@code multipart} */
    public boolean multipart() {
        return type.equalsIgnoreCase("multipart");
    }

    /** @return the {@code boundary} parameter without quotes */
    public Optional<String> boundary() {
        return parameters.unquoted("boundary");
    }

    /** @return the {@code charset} parameter without quotes */
    public Optional<String> charset() {
        return parameters.unquoted("charset");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32).append(type).append('/').append(subtype);
        parameters.appendTo(sb, ';', ';');
        return sb.toString();
    }
}
