package drachtio.api.spi;

/**
 * A {@link java.util.ServiceLoader} provider interface: a way onto the SIP network. The
 * embedded stack ({@code drachtio.transport}) is named {@code embedded}; a drachtio-server
 * connection will be another. Found like the header parsers: {@code provides} on the module
 * path, {@code META-INF/services/drachtio.api.spi.SipStackProvider} on the class path.
 */
public interface SipStackProvider {

    /** @return the provider's name, e.g. {@code embedded} */
    String name();

    /** @return the order among providers, lowest first (the embedded stack has 0) */
    default int weight() {
        return 100;
    }

    /**
     * @param config listen addresses, timers and limits
     * @return a new stack, not yet started
     */
    SipStack create(StackConfig config);
}
