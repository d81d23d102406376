package drachtio.transport.internal.transaction;

import drachtio.api.header.Address;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;

/** The requests and responses the transaction layer builds itself. */
final class Messages {
    private Messages() {
    }

    /**
     * The ACK for a non-2xx final response (RFC 3261 17.1.1.3): the INVITE's Request-URI,
     * Call-ID, From, single top Via and Route set, the response's To (with its tag), and the
     * INVITE's CSeq number with method ACK.
     */
    static SipRequest ackFor(SipRequest invite, SipResponse response) {
        SipRequest.Builder b = SipRequest.builder(Method.ACK, invite.uri())
                .header("Via", invite.topVia())
                .header("Max-Forwards", 70)
                .header("From", invite.header("From").orElseThrow())
                .header("To", response.header("To").orElseThrow())
                .header("Call-ID", invite.header("Call-ID").orElseThrow())
                .header("CSeq", invite.cseq().sequence() + " ACK");
        routes(invite, b);
        return b.build();
    }

    /**
     * The CANCEL for a pending request (RFC 3261 9.1): its Request-URI, Call-ID, To, From,
     * single top Via and Route set, and its CSeq number with method CANCEL.
     */
    static SipRequest cancelFor(SipRequest request) {
        SipRequest.Builder b = SipRequest.builder(Method.CANCEL, request.uri())
                .header("Via", request.topVia())
                .header("Max-Forwards", 70)
                .header("From", request.header("From").orElseThrow())
                .header("To", request.header("To").orElseThrow())
                .header("Call-ID", request.header("Call-ID").orElseThrow())
                .header("CSeq", request.cseq().sequence() + " CANCEL");
        routes(request, b);
        return b.build();
    }

    private static void routes(SipRequest from, SipRequest.Builder to) {
        for (String route : from.headers().all("Route")) {
            to.header("Route", route);
        }
    }

    /** A response the layer makes up for the listener of a client transaction (8.1.3.1). */
    static SipResponse synthesized(SipRequest request, int status) {
        return SipResponse.replyTo(request, status).build();
    }

    /**
     * A final response the layer sends itself (487, 481, 503), with a To tag as 8.2.6.2 asks.
     *
     * @param tag the tag to use when the request's To has none
     */
    static SipResponse.Builder reply(SipRequest request, int status, String tag) {
        Address to = request.to();
        SipResponse.Builder b = SipResponse.replyTo(request, status);
        if (to.tag().isEmpty()) {
            b.setHeader("To", to.withTag(tag));
        }
        return b;
    }

    /**
     * @param octets a response this layer encoded and kept for retransmission
     * @return the response parsed back, for the rare caller that asks for it after the
     *     transaction let go of the message
     */
    static SipResponse parsed(byte[] octets) {
        return (SipResponse) SipParser.create().parseOwnedDatagram(octets, octets.length);
    }

    /** @return the To tag, or the empty string */
    static String toTag(SipMessage m) {
        return m.to().tag().orElse("");
    }

    /** @return the From tag, or the empty string */
    static String fromTag(SipMessage m) {
        return m.from().tag().orElse("");
    }

    /** @return the Call-ID and the top Via branch, for log lines */
    static String describe(SipMessage m) {
        String branch = m.headers().first("Via").orElse("?");
        return m.headers().first("Call-ID").orElse("?") + " via " + branch;
    }
}
