package drachtio.transport.internal.stack;

import drachtio.api.header.Address;
import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.api.message.SipRequest;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.net.SipTargets;
import java.util.List;

/** The next hop of an outgoing request (RFC 3261 8.1.2, 16.12: loose routing). */
final class Routing {
    private Routing() {
    }

    /**
     * @param request a request without our Via
     * @return where to send it: the first Route when present, else the Request-URI
     * @throws IllegalArgumentException when that URI is not a SIP URI
     */
    static Hop nextHop(SipRequest request) {
        List<Address> routes = request.routes();
        Uri target = routes.isEmpty() ? request.uri() : routes.getFirst().uri();
        if (!(target instanceof SipUri sip)) {
            throw new IllegalArgumentException("cannot route to a " + target.scheme() + " URI: " + target);
        }
        return SipTargets.resolve(sip);
    }
}
