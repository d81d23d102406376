package drachtio.middleware.internal.app;

import drachtio.api.spi.MiddlewareProvider;
import drachtio.api.spi.ServiceProviders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The {@link MiddlewareProvider}s found with {@link ServiceLoader}: ordered by weight then
 * name, a broken provider logged and skipped, two with one name refused.
 *
 * @param providers the providers, lowest weight first
 */
record MiddlewareProviders(List<MiddlewareProvider> providers) {

    /** Copies the list. */
    MiddlewareProviders {
        providers = List.copyOf(providers);
    }

    private static final class Holder {
        static final List<MiddlewareProvider> FOUND = discover(ServiceProviders.loadAll(
                ServiceLoader.load(MiddlewareProvider.class, MiddlewareProviders.class.getClassLoader()),
                "middleware provider"));
    }

    /**
     * @return the providers on the module and class path, loaded once
     * @throws IllegalStateException when two providers claim one name
     */
    static MiddlewareProviders installed() {
        return new MiddlewareProviders(Holder.FOUND).checked();
    }

    /**
     * @return these providers
     * @throws IllegalStateException when two claim one name
     */
    MiddlewareProviders checked() {
        Map<String, MiddlewareProvider> byName = new LinkedHashMap<>();
        for (MiddlewareProvider p : providers) {
            MiddlewareProvider clash = byName.putIfAbsent(p.name(), p);
            if (clash != null) {
                throw new IllegalStateException("two middleware providers are named " + p.name() + ": "
                        + clash.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return this;
    }

    /**
     * @param loader the providers to read
     * @return those that loaded, ordered
     */
    static List<MiddlewareProvider> discover(Iterable<MiddlewareProvider> loader) {
        List<MiddlewareProvider> found = new ArrayList<>();
        loader.forEach(found::add);
        found.sort(Comparator.comparingInt(MiddlewareProvider::weight).thenComparing(MiddlewareProvider::name));
        return found;
    }

    /**
     * @param name a provider name
     * @return that provider
     */
    Optional<MiddlewareProvider> named(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return the providers that ask to be installed in every App, in install order */
    List<MiddlewareProvider> global() {
        return providers.stream().filter(MiddlewareProvider::global).toList();
    }
}
