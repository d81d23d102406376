package drachtio.api.spi;

import drachtio.api.message.HeaderNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        /** The registry, or null when loading failed. */
        static final HeaderParserRegistry INSTANCE;
        /** Why loading failed, or null; kept so every call to system() reports it. */
        static final IllegalStateException FAILURE;

        static {
            // a throwing static initializer would surface as ExceptionInInitializerError once
            // and NoClassDefFoundError afterwards: keep the failure and rethrow it instead
            HeaderParserRegistry registry = null;
            IllegalStateException failure = null;
            try {
                registry = load();
            } catch (IllegalStateException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new IllegalStateException("loading the header parser providers failed", e);
            }
            INSTANCE = registry;
            FAILURE = failure;
        }

        private static HeaderParserRegistry load() {
            return of(ServiceProviders.loadAll(
                    ServiceLoader.load(HeaderParserProvider.class, HeaderParserRegistry.class.getClassLoader()),
                    "header parser provider"));
        }
    }

    /**
     * @return the registry of every provider found by {@link ServiceLoader}
     * @throws IllegalStateException when two providers claim the same header
     */
    public static HeaderParserRegistry system() {
        IllegalStateException failure = Holder.FAILURE;
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
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
        Map<String, HeaderParserProvider> names = new HashMap<>();
        for (HeaderParserProvider p : sorted) {
            HeaderParserProvider twin = names.putIfAbsent(p.name(), p);
            if (twin != null) {
                throw new IllegalStateException("two header parser providers are named " + p.name() + ": "
                        + twin.getClass().getName() + " and " + p.getClass().getName());
            }
            Map<String, HeaderParser<?>> claims = claims(p);
            if (claims == null) {
                continue;
            }
            for (Map.Entry<String, HeaderParser<?>> claim : claims.entrySet()) {
                String previous = owner.putIfAbsent(claim.getKey(), p.name());
                if (previous != null) {
                    throw new IllegalStateException("header " + claim.getValue().names().getFirst()
                            + " is claimed by two header parser providers: " + previous + " and " + p.name());
                }
                byKey.put(claim.getKey(), claim.getValue());
            }
            LOG.debug("header parser provider {} (weight {}) loaded", p.name(), p.weight());
        }
        return new HeaderParserRegistry(Map.copyOf(byKey));
    }

    /**
     * The header keys one provider claims. A parser's own names (long and compact form) share one
     * key: one claim, not two.
     *
     * @return the claims, or {@code null} when the provider failed and is skipped
     * @throws IllegalStateException when two parsers of the provider claim one header
     */
    private static Map<String, HeaderParser<?>> claims(HeaderParserProvider p) {
        List<HeaderParser<?>> parsers = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        try {
            for (HeaderParser<?> parser : List.copyOf(p.create())) {
                parsers.add(parser);
                names.add(List.copyOf(parser.names()));
            }
        } catch (RuntimeException e) {
            LOG.error("skipping header parser provider {}: create() failed", p.name(), e);
            return null;
        }
        Map<String, HeaderParser<?>> claims = new LinkedHashMap<>();
        for (int i = 0; i < parsers.size(); i++) {
            for (String name : names.get(i)) {
                HeaderParser<?> same = claims.putIfAbsent(HeaderNames.key(name), parsers.get(i));
                if (same != null && same != parsers.get(i)) {
                    throw new IllegalStateException("header " + name + " is claimed by two parsers of header parser "
                            + "provider " + p.name());
                }
            }
        }
        return claims;
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
