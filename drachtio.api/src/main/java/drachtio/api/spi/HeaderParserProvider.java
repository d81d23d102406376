package drachtio.api.spi;

import java.util.List;

/**
 * A {@link java.util.ServiceLoader} provider interface: contributes typed header parsers.
 *
 * <p>Declare an implementation with {@code provides drachtio.api.spi.HeaderParserProvider with
 * ...} in {@code module-info.java}, or list it in
 * {@code META-INF/services/drachtio.api.spi.HeaderParserProvider} on the class path. The
 * built-in provider, {@code drachtio.parser}, has weight 0 and covers Via, From, To, Contact,
 * Route, Record-Route, CSeq, Call-ID, Max-Forwards, Content-Length, Content-Type, Expires and the
 * four authentication headers. Two providers that claim the same header name are an error
 * reported when the parsers are first used.
 */
public interface HeaderParserProvider {

    /** @return a short name for logs and errors, unique among providers */
    String name();

    /** @return the order among providers, lowest first; ties are broken by name */
    default int weight() {
        return 100;
    }

    /**
     * Called once when the registry loads; must be cheap.
     *
     * @return the parsers this provider contributes
     */
    List<HeaderParser<?>> create();
}
