package drachtio.api.spi;

import drachtio.api.message.HeaderNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header parsers in force: a lookup by header name (any case, long or compact form) built
 * from {@link HeaderParserProvider}s.
 *
 * <p>{@link #system()} loads the providers with {@link ServiceLoader} once, on first use: from
 * the module path by {@code provides}, from the class path by {@code META-INF/services}. A
 * provider that fails to load is logged and skipped; two providers claiming one header name
 * make {@link #of(Collection)} (and so {@code system()}) throw {@link IllegalStateException}
 * naming both.
 */
public final class HeaderParserRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderParserRegistry.class);

    private final Map<String, HeaderParser<?>> byKey;

    private HeaderParserRegistry(Map<String, HeaderParser<?>> byKey) {
        this.byKey = byKey;
    }

    private static final class Holder {
        static final HeaderParserRegistry INSTANCE = load();

        private static HeaderParserRegistry load() {
            List<HeaderParserProvider> providers = new ArrayList<>();
            var it = ServiceLoader.load(HeaderParserProvider.class, HeaderParserRegistry.class.getClassLoader())
                    .iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    providers.add(it.next());
                } catch (ServiceConfigurationError e) {
                    LOG.error("skipping a header parser provider that failed to load", e);
                }
            }
            return of(providers);
        }
    }

    /**
     * @return the registry of every provider found by {@link ServiceLoader}
     * @throws IllegalStateException when two providers claim the same header
     */
    public static HeaderParserRegistry system() {
        return Holder.INSTANCE;
    }

    /**
     * Builds a registry from the given providers, in weight then name order.
     *
     * @param providers the providers
     * @return the registry
     * @throws IllegalStateException when two providers (or one provider twice) claim the same
     *     header name
     */
    public static HeaderParserRegistry of(Collection<? extends HeaderParserProvider> providers) {
        List<HeaderParserProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(HeaderParserProvider::weight).thenComparing(HeaderParserProvider::name));
        Map<String, HeaderParser<?>> byKey = new HashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (HeaderParserProvider p : sorted) {
            List<HeaderParser<?>> parsers;
            try {
                parsers = p.create();
            } catch (RuntimeException e) {
                LOG.error("skipping header parser provider {}: create() failed", p.name(), e);
                continue;
            }
            for (HeaderParser<?> parser : parsers) {
                for (String name : parser.names()) {
                    String key = HeaderNames.key(name);
                    String previous = owner.putIfAbsent(key, p.name());
                    // a long name and its compact form share one key: one parser may list both
                    if (previous != null && byKey.get(key) != parser) {
                        throw new IllegalStateException("header " + name + " is claimed by two header parser providers: "
                                + previous + " and " + p.name());
                    }
                    byKey.put(key, parser);
                }
            }
            LOG.debug("header parser provider {} (weight {}) loaded", p.name(), p.weight());
        }
        return new HeaderParserRegistry(Map.copyOf(byKey));
    }

    /**
     * @param name a header name, any case, long or compact
     * @return the parser for it, if any provider has one
     */
    public Optional<HeaderParser<?>> parser(String name) {
        return Optional.ofNullable(byKey.get(HeaderNames.key(name)));
    }

    /**
     * The lookup for callers that already hold the key.
     *
     * @param key a key from {@link HeaderNames#key(String)}
     * @return the parser, or {@code null}
     */
    public HeaderParser<?> parserForKey(String key) {
        return byKey.get(key);
    }
}
