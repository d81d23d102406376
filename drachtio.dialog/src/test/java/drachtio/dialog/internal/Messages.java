package drachtio.dialog.internal;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;

/** Canned messages of one call between alice (the caller) and bob. */
final class Messages {
    static final String CALL_ID = "c1@127.0.0.1";
    static final String SDP = "v=0\no=a 1 1 IN IP4 127.0.0.1\ns=alice\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n";

    private Messages() {
    }

    /** Alice's INVITE, through two record-routing proxies. */
    static SipRequest invite() {
        return Fakes.parse("""
                INVITE sip:bob@127.0.0.1 SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1
                Record-Route: <sip:p1.example;lr>
                Record-Route: <sip:p2.example;lr>
                From: <sip:alice@127.0.0.1>;tag=alice
                To: <sip:bob@127.0.0.1>
                Call-ID: c1@127.0.0.1
                CSeq: 10 INVITE
                Contact: <sip:alice@127.0.0.1:5070>
                Content-Type: application/sdp
                Content-Length: %d

                %s""".formatted(SDP.replace("\n", "\r\n").length(), SDP), SipRequest.class);
    }

    /** Bob's 200 to it, with his tag and Contact. */
    static SipResponse ok(SipRequest invite) {
        return SipResponse.replyTo(invite, 200).setHeader("To", "<sip:bob@127.0.0.1>;tag=bob")
                .header("Record-Route", "<sip:p1.example;lr>").header("Record-Route", "<sip:p2.example;lr>")
                .header("Contact", "<sip:bob@127.0.0.1:5080>").build();
    }

    /**
     * @param method the method
     * @param cseq its CSeq number
     * @param toTag the To tag it carries
     * @return a request from alice inside the dialog
     */
    static SipRequest fromAlice(String method, long cseq, String toTag) {
        return Fakes.parse("""
                %s sip:bob@127.0.0.1:5080 SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-%s%d
                From: <sip:alice@127.0.0.1>;tag=alice
                To: <sip:bob@127.0.0.1>;tag=%s
                Call-ID: c1@127.0.0.1
                CSeq: %d %s
                Content-Length: 0

                """.formatted(method, method, cseq, toTag, cseq, method), SipRequest.class);
    }
}
