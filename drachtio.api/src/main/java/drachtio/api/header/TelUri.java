package drachtio.api.header;

import java.util.Objects;

/**
 * A tel URI (RFC 3966): a global ({@code +1-201-555-0123}) or local number and its
 * parameters, kept as written.
 *
 * @param number the telephone-subscriber number as written, with visual separators
 * @param parameters the parameters ({@code ;phone-context=example.com})
 */
public record TelUri(String number, Parameters parameters) implements Uri {

    /** Checks the parts. */
    public TelUri {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(parameters, "parameters");
        if (number.isEmpty()) {
            throw new IllegalArgumentException("number must not be empty");
        }
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** @return whether the number is global (starts with {@code +}) */
    public boolean global() {
        return number.charAt(0) == '+';
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(number.length() + 8).append("tel:").append(number);
        parameters.appendTo(sb, ';', ';');
        return sb.toString();
    }
}
