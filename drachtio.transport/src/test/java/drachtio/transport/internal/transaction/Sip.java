package drachtio.transport.internal.transaction;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;
import drachtio.transport.internal.Hop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Real messages for the tests, parsed from text as the network layer would. */
final class Sip {
    static final Hop UDP = new Hop("UDP", new InetSocketAddress("192.0.2.9", 5060), new InetSocketAddress("192.0.2.1", 5060));
    static final Hop TCP = new Hop("TCP", new InetSocketAddress("192.0.2.9", 40000), new InetSocketAddress("192.0.2.1", 5060));

    private Sip() {
    }

    static SipMessage parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return SipParser.create().parseDatagram(b);
    }

    /**
     * A request as a peer at 192.0.2.9 sends it.
     *
     * @param method the method
     * @param branch the top Via branch, or {@code null} for none
     * @param cseq the CSeq number
     * @param toTag the To tag, or {@code null}
     */
    static SipRequest request(String method, String branch, long cseq, String toTag) {
        return request(method, method, branch, cseq, toTag, "call-1@192.0.2.9");
    }

    static SipRequest request(String method, String cseqMethod, String branch, long cseq, String toTag, String callId) {
        String via = "SIP/2.0/UDP 192.0.2.9:5060" + (branch == null ? "" : ";branch=" + branch) + ";rport";
        return (SipRequest) parse(method + " sip:bob@192.0.2.1 SIP/2.0\n"
                + "Via: " + via + "\n"
                + "Via: SIP/2.0/UDP 198.51.100.7;branch=z9hG4bKupstream\n"
                + "Max-Forwards: 70\n"
                + "Route: <sip:proxy.example.com;lr>\n"
                + "Route: <sip:edge.example.com;lr>\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=from-a\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + cseqMethod + "\n"
                + "Contact: <sip:alice@192.0.2.9>\n"
                + "Content-Length: 0\n\n");
    }

    static SipRequest invite(String branch) {
        return request("INVITE", branch, 1, null);
    }

    /** A response to a request, with that To tag (none for {@code null}). */
    static SipResponse response(SipRequest request, int status, String toTag) {
        SipResponse.Builder b = SipResponse.replyTo(request, status);
        if (toTag != null) {
            String to = request.header("To").orElseThrow();
            b.setHeader("To", to.contains(";tag=") ? to : to + ";tag=" + toTag);
        }
        // through the parser, as a received response would be
        return (SipResponse) parse(new String(b.build().toBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
