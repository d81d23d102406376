package drachtio.api.message;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Header names: the canonical spelling of well-known headers and the compact forms of RFC 3261
 * 7.3.3 and later RFCs. Lookups ignore case; a compact form and its long form share one key.
 */
public final class HeaderNames {
    /** Canonical spellings of the headers this library knows by name. */
    private static final List<String> KNOWN = List.of(
            "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow",
            "Allow-Events", "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
            "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Type",
            "CSeq", "Date", "Error-Info", "Event", "Expires", "From", "Identity", "Identity-Info",
            "In-Reply-To", "Max-Forwards", "Min-Expires", "Min-SE", "MIME-Version", "Organization",
            "P-Asserted-Identity", "P-Preferred-Identity", "Path", "Priority", "Privacy", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Refer-To", "Referred-By",
            "Reject-Contact", "Reply-To", "Request-Disposition", "Require", "Retry-After", "Route", "RSeq",
            "Server", "Service-Route", "Session-Expires", "SIP-ETag", "SIP-If-Match", "Subject",
            "Subscription-State", "Supported", "Timestamp", "To", "Unsupported", "User-Agent", "Via",
            "Warning", "WWW-Authenticate");

    /** Compact form to canonical long form (RFC 3261 7.3.3, RFC 3265, 3515, 3841, 3892, 4028, 4474). */
    private static final Map<Character, String> COMPACT = Map.ofEntries(
            Map.entry('a', "Accept-Contact"), Map.entry('b', "Referred-By"), Map.entry('c', "Content-Type"),
            Map.entry('d', "Request-Disposition"), Map.entry('e', "Content-Encoding"), Map.entry('f', "From"),
            Map.entry('i', "Call-ID"), Map.entry('j', "Reject-Contact"), Map.entry('k', "Supported"),
            Map.entry('l', "Content-Length"), Map.entry('m', "Contact"), Map.entry('n', "Identity-Info"),
            Map.entry('o', "Event"), Map.entry('r', "Refer-To"), Map.entry('s', "Subject"), Map.entry('t', "To"),
            Map.entry('u', "Allow-Events"), Map.entry('v', "Via"), Map.entry('x', "Session-Expires"),
            Map.entry('y', "Identity"));

    /** Exact spelling (canonical, lower, upper, compact) to key; saves the lower-casing on hot paths. */
    private static final Map<String, String> KEYS;
    /** Key to canonical spelling. */
    private static final Map<String, String> CANONICAL;
    /** A well-known header's id is its index in {@link #KNOWN}; these two arrays are indexed by it. */
    private static final String[] SPELLING_OF_ID;
    private static final String[] KEY_OF_ID;
    /** Open-addressed table from key to id, probed with the key's (cached) String hash. */
    private static final int ID_MASK = 255;
    private static final String[] ID_TABLE_KEY = new String[ID_MASK + 1];
    private static final int[] ID_TABLE_ID = new int[ID_MASK + 1];
    /**
     * {@link #KEYS} again as an open-addressed table probed with the spelling's cached String
     * hash: {@link #key} runs for every header a router or proxy looks at, and a mask is cheaper
     * than the modulo of an immutable map's probe.
     */
    private static final int SPELLING_MASK = 1023;
    private static final String[] SPELLING_TABLE = new String[SPELLING_MASK + 1];
    private static final String[] SPELLING_TABLE_KEY = new String[SPELLING_MASK + 1];

    static {
        Map<String, String> keys = new HashMap<>();
        Map<String, String> canonical = new HashMap<>();
        for (String name : KNOWN) {
            String key = name.toLowerCase(Locale.ROOT);
            keys.put(name, key);
            keys.put(key, key);
            keys.put(name.toUpperCase(Locale.ROOT), key);
            canonical.put(key, name);
        }
        COMPACT.forEach((c, name) -> {
            // the same String instance as the long form's key, so keys may be compared by identity
            String key = keys.get(name);
            keys.put(String.valueOf(c), key);
            keys.put(String.valueOf(Character.toUpperCase(c)), key);
        });
        KEYS = Map.copyOf(keys);
        CANONICAL = Map.copyOf(canonical);
        KEYS.forEach((spelling, key) -> {
            int h = spread(spelling.hashCode()) & SPELLING_MASK;
            while (SPELLING_TABLE[h] != null) {
                h = (h + 1) & SPELLING_MASK;
            }
            SPELLING_TABLE[h] = spelling;
            SPELLING_TABLE_KEY[h] = key;
        });
        SPELLING_OF_ID = KNOWN.toArray(new String[0]);
        KEY_OF_ID = new String[SPELLING_OF_ID.length];
        for (int id = 0; id < SPELLING_OF_ID.length; id++) {
            String key = KEYS.get(SPELLING_OF_ID[id]);
            KEY_OF_ID[id] = key;
            int h = spread(key.hashCode()) & ID_MASK;
            while (ID_TABLE_KEY[h] != null) {
                h = (h + 1) & ID_MASK;
            }
            ID_TABLE_KEY[h] = key;
            ID_TABLE_ID[h] = id;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 10) ^ (hash >>> 20);
    }

    /** @return the key of a spelling in {@link #KEYS}, or null */
    private static String lookup(String spelling) {
        int h = spread(spelling.hashCode()) & SPELLING_MASK;
        String s;
        while ((s = SPELLING_TABLE[h]) != null) {
            if (s == spelling || s.equals(spelling)) {
                return SPELLING_TABLE_KEY[h];
            }
            h = (h + 1) & SPELLING_MASK;
        }
        return null;
    }

    /**
     * The id of a well-known header: its index in {@link #known()}.
     *
     * @param key a key from {@link #key(String)}
     * @return the id, or -1 when the key is not a well-known header's
     */
    static int id(String key) {
        int h = spread(key.hashCode()) & ID_MASK;
        String k;
        while ((k = ID_TABLE_KEY[h]) != null) {
            if (k == key || k.equals(key)) {
                return ID_TABLE_ID[h];
            }
            h = (h + 1) & ID_MASK;
        }
        return -1;
    }

    /** @param id an id from {@link #id(String)} @return the canonical spelling */
    static String spelling(int id) {
        return SPELLING_OF_ID[id];
    }

    /** @param id an id from {@link #id(String)} @return the key, the same instance {@link #key} gives */
    static String keyOf(int id) {
        return KEY_OF_ID[id];
    }

    private HeaderNames() {
    }

    /**
     * The lookup key of a header name: the long form in lower case. {@code "v"}, {@code "VIA"}
     * and {@code "Via"} all give {@code "via"}, and for well-known headers always the same
     * {@code String} instance.
     *
     * @param name a header name as written
     * @return its key
     */
    public static String key(String name) {
        String key = lookup(name);
        if (key != null) {
            return key;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        key = lookup(lower);
        return key != null ? key : lower;
    }

    /**
     * @param name a header name as written, any case, long or compact
     * @return the canonical long spelling for well-known headers ({@code "i"} gives
     *     {@code "Call-ID"}), otherwise the name unchanged
     */
    public static String canonical(String name) {
        return CANONICAL.getOrDefault(key(name), name);
    }

    /**
     * @param name a header name, any case
     * @return its compact form, if it has one
     */
    public static Optional<String> compact(String name) {
        String key = key(name);
        for (Map.Entry<Character, String> e : COMPACT.entrySet()) {
            if (e.getValue().equalsIgnoreCase(key)) {
                return Optional.of(String.valueOf(e.getKey()));
            }
        }
        return Optional.empty();
    }

    /** @return the canonical spellings of every well-known header */
    public static List<String> known() {
        return KNOWN;
    }

    /**
     * @param a a header name
     * @param b another
     * @return whether both name the same header (ignoring case, compact or long)
     */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }
}
