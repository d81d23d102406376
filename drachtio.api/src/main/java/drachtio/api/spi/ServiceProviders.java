package drachtio.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every extension point reads its {@link ServiceLoader}: a provider that fails to load (a
 * missing class, a constructor that throws) is logged and skipped, so one broken jar does not
 * take the others down. The caller makes the loader, because {@code ServiceLoader.load} must run
 * in the module that declares {@code uses}.
 */
public final class ServiceProviders {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviders.class);

    private ServiceProviders() {
    }

    /**
     * @param loader the loader, made by the module that {@code uses} the service
     * @param what how to name the providers in the log, e.g. {@code header parser provider}
     * @param <T> the service type
     * @return every provider that loaded, in the loader's order
     */
    public static <T> List<T> loadAll(ServiceLoader<T> loader, String what) {
        List<T> found = new ArrayList<>();
        var it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.error("skipping a {} that failed to load", what, e);
            }
        }
        return found;
    }
}
