package drachtio.transport.internal.stack;

import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStackProvider;
import drachtio.api.spi.StackConfig;

/** Provides the embedded SIP stack, named {@code embedded}, weight 0: the default way onto the network. */
public final class EmbeddedStackProvider implements SipStackProvider {
    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public int weight() {
        return 0;
    }

    @Override
    public SipStack create(StackConfig config) {
        return new EmbeddedStack(config);
    }
}
