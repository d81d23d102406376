package drachtio.transport.internal.transaction;

import drachtio.api.header.Via;
import drachtio.api.message.SipRequest;
import drachtio.transport.internal.Hop;
import java.net.InetSocketAddress;

/** Where the responses to a request go (RFC 3261 18.2.2, RFC 3581 4). */
final class ResponseRoute {
    private static final int DEFAULT_PORT = 5060;

    private ResponseRoute() {
    }

    /**
     * Over a reliable transport the connection the request came on (the network layer reuses
     * or reopens it); with {@code rport} the source address and port; otherwise the source
     * address (which is {@code received}) and the sent-by port.
     */
    static Hop of(SipRequest request, Hop from) {
        if (from.reliable()) {
            return from;
        }
        Via via = request.topVia();
        if (via.hasRport()) {
            return from;
        }
        int port = via.port() > 0 ? via.port() : DEFAULT_PORT;
        if (port == from.remote().getPort()) {
            return from;
        }
        return new Hop(from.transport(), new InetSocketAddress(from.remote().getAddress(), port), from.local());
    }
}
