package drachtio.middleware.internal.app;

import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The option tags (RFC 3261 19.2) an App supports, and which of a request's Require tags are not
 * among them (8.2.2.3: those get 420 Bad Extension with an Unsupported header). Safe for any
 * thread.
 */
final class Extensions {
    private volatile Set<String> supported = Set.of();

    /**
     * @param tags option tags the application implements
     * @throws IllegalArgumentException when one is not a token
     */
    synchronized void add(String... tags) {
        Set<String> all = new LinkedHashSet<>(supported);
        for (String tag : tags) {
            if (tag == null || tag.isEmpty() || !tag.chars().allMatch(Extensions::tokenChar)) {
                throw new IllegalArgumentException("an option tag is a token: " + tag);
            }
            all.add(tag);
        }
        supported = Set.copyOf(all);
    }

    /** @return the option tags declared */
    Set<String> supported() {
        return supported;
    }

    /**
     * @param r a request
     * @return its Require tags that are not supported, in order and each once; none for ACK
     *     and CANCEL, which a Require cannot refuse (8.2.2.3)
     */
    List<String> unsupported(SipRequest r) {
        if (r.is(Method.ACK) || r.is(Method.CANCEL) || !r.headers().contains("Require")) {
            return List.of();
        }
        List<String> values = r.headers().all("Require");
        if (values.isEmpty()) {
            return List.of();
        }
        Set<String> known = supported;
        Set<String> missing = new LinkedHashSet<>();
        for (String value : values) {
            for (String tag : value.split(",")) {
                String t = tag.strip();
                if (!t.isEmpty() && !known.contains(t)) {
                    missing.add(t);
                }
            }
        }
        return new ArrayList<>(missing);
    }

    /** @return whether the character may appear in a token (RFC 3261 25.1) */
    private static boolean tokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-.!%*_+`'~".indexOf(c) >= 0;
    }
}
