package drachtio.api.spi;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message came from.
 *
 * @param transport {@code UDP} or {@code TCP}
 * @param remote the peer's address and port
 * @param local the address and port of our listener it arrived on
 */
public record Source(String transport, InetSocketAddress remote, InetSocketAddress local) {
    /** Checks the parts. */
    public Source {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
    }
}
