package drachtio.transport.internal;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a message came from or goes to: the transport and the two socket addresses.
 *
 * @param transport {@code UDP} or {@code TCP} (upper case, as in a Via)
 * @param remote the peer's address
 * @param local our listener's address, or {@code null} when not yet chosen
 */
public record Hop(String transport, InetSocketAddress remote, InetSocketAddress local) {
    /** Checks the parts. */
    public Hop {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
    }

    /** @return whether the transport is reliable (TCP, TLS): no retransmissions (RFC 3261 17) */
    public boolean reliable() {
        return !transport.equalsIgnoreCase("UDP");
    }
}
