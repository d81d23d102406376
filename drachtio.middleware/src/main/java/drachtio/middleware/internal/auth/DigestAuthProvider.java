package drachtio.middleware.internal.auth;

import drachtio.api.Middleware;
import drachtio.api.spi.MiddlewareProvider;
import drachtio.middleware.DigestAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code digest-auth} middleware by name: {@code app.use("digest-auth", config)}. Keys:
 * {@code realm} (required), {@code users} (required, {@code name:password,name2:password2};
 * a password runs to the next comma and may hold {@code :}), {@code proxy} ({@code true} or
 * {@code false}), {@code nonce-ttl} (seconds, positive) and {@code algorithms}
 * ({@code SHA-256,MD5}). Weight 100, not global.
 */
public final class DigestAuthProvider implements MiddlewareProvider {

    /** For {@link java.util.ServiceLoader}. */
    public DigestAuthProvider() {
    }

    @Override
    public String name() {
        return "digest-auth";
    }

    @Override
    public int weight() {
        return 100;
    }

    @Override
    public Middleware create(Map<String, String> config) {
        DigestAuth.Builder b = DigestAuth.builder();
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (value == null) {
                throw new IllegalArgumentException("digest-auth: " + key + " has no value");
            }
            switch (key) {
                case "realm" -> {
                    if (value.isBlank()) {
                        throw bad(key, "must not be empty");
                    }
                    b.realm(value);
                }
                case "users" -> {
                    Map<String, String> users = users(value);
                    b.passwords((realm, user) -> Optional.ofNullable(users.get(user)));
                }
                case "proxy" -> b.proxy(bool(key, value));
                case "nonce-ttl" -> b.nonceTtl(Duration.ofSeconds(seconds(key, value)));
                case "algorithms" -> b.algorithms(algorithms(key, value));
                default -> throw new IllegalArgumentException("digest-auth: unknown config key " + key);
            }
        }
        if (!config.containsKey("realm")) {
            throw bad("realm", "is required");
        }
        if (!config.containsKey("users")) {
            throw bad("users", "is required");
        }
        return b.build();
    }

    private static Map<String, String> users(String value) {
        Map<String, String> users = new HashMap<>();
        for (String entry : value.split(",", -1)) {
            int colon = entry.indexOf(':');
            String name = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (name.isEmpty()) {
                // the entry may hold a password: do not repeat it in the message
                throw bad("users", "wants name:password,name2:password2");
            }
            if (users.put(name, entry.substring(colon + 1)) != null) {
                throw bad("users", "names " + name + " twice");
            }
        }
        return Map.copyOf(users);
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "wants true or false, not " + value);
        };
    }

    private static long seconds(String key, String value) {
        try {
            long s = Long.parseLong(value.strip());
            if (s <= 0) {
                throw bad(key, "wants a positive number of seconds, not " + value);
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("digest-auth: " + key + " wants seconds, not " + value, e);
        }
    }

    private static List<String> algorithms(String key, String value) {
        List<String> names = new ArrayList<>();
        for (String n : value.split(",", -1)) {
            Optional<Algorithm> a = Algorithm.of(n);
            if (a.isEmpty()) {
                throw bad(key, "names an unknown algorithm: " + n.strip());
            }
            names.add(a.get().token());
        }
        return names;
    }

    private static IllegalArgumentException bad(String key, String why) {
        return new IllegalArgumentException("digest-auth: " + key + " " + why);
    }
}
