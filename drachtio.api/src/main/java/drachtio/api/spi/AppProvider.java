package drachtio.api.spi;

import drachtio.api.App;

/**
 * A {@link java.util.ServiceLoader} provider interface: an implementation of {@link App},
 * found by {@link drachtio.api.Drachtio#app()}. The bundled one ({@code drachtio.middleware},
 * named {@code express}, weight 0) is the only one needed; the lowest weight wins.
 */
public interface AppProvider {

    /** @return the provider's name */
    String name();

    /** @return the order among providers, lowest first */
    default int weight() {
        return 100;
    }

    /**
     * @param config for the SIP stack the app runs on
     * @return a new app, not yet listening
     */
    App create(StackConfig config);
}
