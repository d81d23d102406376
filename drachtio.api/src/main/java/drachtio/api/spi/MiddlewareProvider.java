package drachtio.api.spi;

import drachtio.api.Middleware;
import java.util.Map;

/**
 * A {@link java.util.ServiceLoader} provider interface: a middleware an App can install by
 * name ({@code app.use("registration", Map.of())}) or, when {@link #global()}, by itself.
 * A cheap factory: no-argument constructor, no work until {@link #create}. Found with
 * {@code provides drachtio.api.spi.MiddlewareProvider with ...} on the module path or
 * {@code META-INF/services/drachtio.api.spi.MiddlewareProvider} on the class path.
 *
 * <p>A new App installs every global provider, lowest weight first (then by name), before any
 * middleware the application adds. Two providers with one name are an error when the App is
 * created; a provider that fails to load is logged and skipped.
 *
 * <p>The bundled providers ({@code drachtio.middleware}), neither global:
 * <table>
 * <caption>Built-in middleware</caption>
 * <tr><th>name</th><th>weight</th><th>config keys</th></tr>
 * <tr><td>{@code digest-auth}</td><td>100</td><td>{@code realm}, {@code users}
 *   ({@code name:password,...}), {@code proxy} ({@code true} for 407), {@code nonce-ttl}
 *   (seconds), {@code algorithms} ({@code SHA-256,MD5})</td></tr>
 * <tr><td>{@code registration}</td><td>200</td><td>{@code default-expires} (seconds)</td></tr>
 * </table>
 */
public interface MiddlewareProvider {

    /** @return the name {@code app.use(name, config)} finds it by */
    String name();

    /** @return the install order of global providers, lowest first */
    default int weight() {
        return 1000;
    }

    /** @return whether every new App installs it by itself (with an empty config) */
    default boolean global() {
        return false;
    }

    /**
     * @param config settings by key, as documented by the provider; empty for defaults
     * @return a new middleware
     * @throws IllegalArgumentException when a key is unknown or a value is invalid
     */
    Middleware create(Map<String, String> config);
}
