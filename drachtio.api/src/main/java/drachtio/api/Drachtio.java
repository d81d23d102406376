package drachtio.api;

import drachtio.api.spi.AppProvider;
import drachtio.api.spi.ServiceProviders;
import drachtio.api.spi.StackConfig;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where an application starts: {@code App app = Drachtio.app();}. The implementation is found
 * with {@link ServiceLoader} ({@link AppProvider}; the bundled one is in
 * {@code drachtio.middleware}), so this module does not depend on it.
 */
public final class Drachtio {

    private Drachtio() {
    }

    /** @return a new app on the embedded SIP stack with default timers and limits */
    public static App app() {
        return app(StackConfig.builder().build());
    }

    /**
     * @param config timers, limits and (optionally) listen addresses for the embedded stack;
     *     addresses given here are bound by {@link App#listen} together with its own
     * @return a new app
     * @throws IllegalStateException when no App implementation is on the module or class path
     */
    public static App app(StackConfig config) {
        List<AppProvider> found = Holder.PROVIDERS;
        if (found.isEmpty()) {
            throw new IllegalStateException("no drachtio App implementation found: put drachtio.middleware "
                    + "and drachtio.transport on the module path (or the class path)");
        }
        return found.getFirst().create(config);
    }

    private static final class Holder {
        static final List<AppProvider> PROVIDERS = load();

        private static List<AppProvider> load() {
            List<AppProvider> providers = ServiceProviders.loadAll(
                    ServiceLoader.load(AppProvider.class, Drachtio.class.getClassLoader()), "App provider");
            providers.sort(Comparator.comparingInt(AppProvider::weight).thenComparing(AppProvider::name));
            return List.copyOf(providers);
        }
    }
}
