package drachtio.api.message;

import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserRegistry;

/** The header parsers the typed lookups of {@link Headers} use, kept per well-known header id. */
final class TypedParsers {
    /** The typed parser of each well-known header, by id, filled on first use. */
    private static final HeaderParser<?>[] PARSER_OF_ID = new HeaderParser<?>[HeaderNames.known().size()];

    private TypedParsers() {
    }

    /**
     * The registered parser for a header, checked against the type asked for. The system
     * registry never changes once loaded, so a well-known header's parser is kept by id.
     */
    @SuppressWarnings("unchecked")
    static <T> HeaderParser<T> parser(int id, String key, String name, Class<T> type) {
        // system() first even when the parser is kept: its holder's initialisation, which made
        // every parser, then happens-before this read of the racily shared array
        HeaderParserRegistry registry = HeaderParserRegistry.system();
        HeaderParser<?> p = id >= 0 ? PARSER_OF_ID[id] : null;
        if (p == null) {
            p = registry.parserForKey(key);
            if (p == null) {
                throw new IllegalStateException("no header parser is registered for " + name
                        + " (is the drachtio.parser module, or a provider for it, present?)");
            }
            if (id >= 0) {
                PARSER_OF_ID[id] = p;
            }
        }
        Class<?> made = p.type();
        if (made != type && !type.isAssignableFrom(made)) {
            throw new IllegalArgumentException(name + " parses to " + made.getName() + ", not " + type.getName());
        }
        return (HeaderParser<T>) p;
    }
}
