package drachtio.middleware.internal.registration;

import drachtio.api.Middleware;
import drachtio.api.spi.MiddlewareProvider;
import drachtio.middleware.RegistrationParser;
import java.util.Map;

/**
 * Offers {@link RegistrationParser} as {@code app.use("registration", config)}. One config
 * key: {@code default-expires}, a positive number of seconds. Not global: an App parses
 * registrations only when asked to.
 */
public final class RegistrationProvider implements MiddlewareProvider {
    /** The name the App finds this provider by. */
    public static final String NAME = "registration";
    /** The config key for {@link RegistrationParser.Builder#defaultExpires(int)}. */
    public static final String DEFAULT_EXPIRES = "default-expires";

    /** For ServiceLoader. */
    public RegistrationProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int weight() {
        return 200;
    }

    @Override
    public Middleware create(Map<String, String> config) {
        RegistrationParser.Builder builder = RegistrationParser.builder();
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (!DEFAULT_EXPIRES.equals(e.getKey())) {
                throw new IllegalArgumentException("unknown config key for middleware " + NAME + ": " + e.getKey()
                        + " (known: " + DEFAULT_EXPIRES + ")");
            }
            builder.defaultExpires(seconds(e.getValue()));
        }
        return builder.build();
    }

    private static int seconds(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DEFAULT_EXPIRES + " must be a positive number of seconds, not '"
                    + text + "'", e);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(DEFAULT_EXPIRES + " must be a positive number of seconds, not '"
                    + text + "'");
        }
        return n;
    }
}
