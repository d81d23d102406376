package drachtio.middleware.internal.app;

import drachtio.api.App;
import drachtio.api.spi.AppProvider;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;

/** Provides the bundled App, on the embedded SIP stack. */
public final class ExpressAppProvider implements AppProvider {

    /** For {@link java.util.ServiceLoader}. */
    public ExpressAppProvider() {
    }

    @Override
    public String name() {
        return "express";
    }

    @Override
    public int weight() {
        return 0;
    }

    @Override
    public App create(StackConfig config) {
        return new ExpressApp(config, c -> SipStacks.provider("embedded").create(c), MiddlewareProviders.installed());
    }
}
