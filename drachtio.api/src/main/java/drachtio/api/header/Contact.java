package drachtio.api.header;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One Contact value (RFC 3261 20.10): an address with contact parameters, or the wildcard
 * {@code *} of a REGISTER that removes all bindings.
 *
 * @param address the address, or {@code null} for the wildcard
 */
public record Contact(Address address) {
    /** The wildcard {@code Contact: *}. */
    public static final Contact WILDCARD = new Contact(null);

    /**
     * @param address the address
     * @return a contact for it
     */
    public static Contact of(Address address) {
        return new Contact(java.util.Objects.requireNonNull(address, "address"));
    }

    /** @return whether this is {@code *} */
    public boolean wildcard() {
        return address == null;
    }

    /** @return the URI, or empty for the wildcard */
    public Optional<Uri> uri() {
        return address == null ? Optional.empty() : Optional.of(address.uri());
    }

    /** @return the contact parameters (empty for the wildcard) */
    public Parameters parameters() {
        return address == null ? Parameters.EMPTY : address.parameters();
    }

    /**
     * @return the {@code expires} contact parameter in seconds, when present and a valid
     *     number (values above 2^31-1 are capped there, RFC 3261 20.19)
     */
    public OptionalInt expires() {
        Optional<String> v = parameters().get("expires");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        String s = v.get();
        if (s.isEmpty()) {
            return OptionalInt.empty();
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            n = Math.min(Integer.MAX_VALUE, n * 10 + (c - '0'));
        }
        return OptionalInt.of((int) n);
    }

    /**
     * @return the {@code q} parameter (0 to 1), when present and a qvalue of RFC 3261 25.1: a 0
     *     or a 1, then optionally a point and at most three digits, all zeros after a 1
     */
    public OptionalDouble q() {
        Optional<String> v = parameters().get("q");
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        String s = v.get();
        boolean qvalue = (s.startsWith("0") || s.startsWith("1"))
                && (s.length() == 1 || s.charAt(1) == '.' && s.length() <= 5
                        && s.substring(2).chars().allMatch(c -> s.charAt(0) == '0' ? c >= '0' && c <= '9' : c == '0'));
        return qvalue ? OptionalDouble.of(Double.parseDouble(s)) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return address == null ? "*" : address.toString();
    }
}
