package drachtio.api.header;

import java.util.Objects;

/**
 * One header field as text: its name as written and its value with line folding replaced by a
 * single space (RFC 3261 7.3.1).
 *
 * @param name the name, case as written (it may be a compact form such as {@code v})
 * @param value the value without leading or trailing whitespace
 */
public record Header(String name, String value) {

    /** Checks the parts. */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
    }

    /** @return {@code Name: value} */
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
