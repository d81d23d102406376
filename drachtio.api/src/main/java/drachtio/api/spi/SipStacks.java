package drachtio.api.spi;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds {@link SipStackProvider}s with {@link ServiceLoader}: once, ordered by weight then
 * name; a provider that fails to load is logged and skipped.
 */
public final class SipStacks {

    private SipStacks() {
    }

    private static final class Holder {
        static final List<SipStackProvider> PROVIDERS = load();

        private static List<SipStackProvider> load() {
            List<SipStackProvider> found = ServiceProviders.loadAll(
                    ServiceLoader.load(SipStackProvider.class, SipStacks.class.getClassLoader()), "SIP stack provider");
            found.sort(Comparator.comparingInt(SipStackProvider::weight).thenComparing(SipStackProvider::name));
            return List.copyOf(found);
        }
    }

    /** @return every provider found, lowest weight first */
    public static List<SipStackProvider> providers() {
        return Holder.PROVIDERS;
    }

    /**
     * @param name a provider name such as {@code embedded}
     * @return that provider
     * @throws IllegalStateException when none has the name
     */
    public static SipStackProvider provider(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SIP stack provider named " + name
                        + " (is drachtio.transport on the module path?)"));
    }
}
