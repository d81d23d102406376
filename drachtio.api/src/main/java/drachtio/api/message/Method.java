package drachtio.api.message;

import java.util.Map;
import java.util.Objects;

/**
 * A SIP request method. Methods are case-sensitive tokens (RFC 3261 7.1); any token is a
 * valid extension method. The constants cover RFC 3261 and the common extensions.
 *
 * @param name the method name as written
 */
public record Method(String name) {
    /** RFC 3261. */
    public static final Method INVITE = new Method("INVITE");
    /** RFC 3261. */
    public static final Method ACK = new Method("ACK");
    /** RFC 3261. */
    public static final Method BYE = new Method("BYE");
    /** RFC 3261. */
    public static final Method CANCEL = new Method("CANCEL");
    /** RFC 3261. */
    public static final Method OPTIONS = new Method("OPTIONS");
    /** RFC 3261. */
    public static final Method REGISTER = new Method("REGISTER");
    /** RFC 3262. */
    public static final Method PRACK = new Method("PRACK");
    /** RFC 6665. */
    public static final Method SUBSCRIBE = new Method("SUBSCRIBE");
    /** RFC 6665. */
    public static final Method NOTIFY = new Method("NOTIFY");
    /** RFC 3903. */
    public static final Method PUBLISH = new Method("PUBLISH");
    /** RFC 6086. */
    public static final Method INFO = new Method("INFO");
    /** RFC 3515. */
    public static final Method REFER = new Method("REFER");
    /** RFC 3428. */
    public static final Method MESSAGE = new Method("MESSAGE");
    /** RFC 3311. */
    public static final Method UPDATE = new Method("UPDATE");

    private static final Map<String, Method> KNOWN = Map.ofEntries(
            Map.entry("INVITE", INVITE), Map.entry("ACK", ACK), Map.entry("BYE", BYE), Map.entry("CANCEL", CANCEL),
            Map.entry("OPTIONS", OPTIONS), Map.entry("REGISTER", REGISTER), Map.entry("PRACK", PRACK),
            Map.entry("SUBSCRIBE", SUBSCRIBE), Map.entry("NOTIFY", NOTIFY), Map.entry("PUBLISH", PUBLISH),
            Map.entry("INFO", INFO), Map.entry("REFER", REFER), Map.entry("MESSAGE", MESSAGE),
            Map.entry("UPDATE", UPDATE));

    /** Checks that the name is a token (RFC 3261 25.1). */
    public Method {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("method must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("method is not a token: " + name);
            }
        }
    }

    /**
     * @param name a method name
     * @return the constant for a known method, a new one otherwise
     * @throws IllegalArgumentException when the name is not a token
     */
    public static Method of(String name) {
        Method m = KNOWN.get(name);
        return m != null ? m : new Method(name);
    }

    /** @return whether this method is one of the constants */
    public boolean known() {
        return KNOWN.containsKey(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
