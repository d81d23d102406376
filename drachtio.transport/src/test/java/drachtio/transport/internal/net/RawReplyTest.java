package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawReplyTest {

    private static byte[] busy(String request) {
        byte[] b = request.getBytes(StandardCharsets.UTF_8);
        return RawReply.busy(b, b.length, 5);
    }

    @Test
    void copiesTheLinesA503NeedsAddsAToTagAndRetryAfterAndParses() {
        String invite = "INVITE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-1;rport\r\n"
                + "v: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-0\r\n"
                + "Max-Forwards: 70\r\nf: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: c1@h\r\nCSeq: 7 INVITE\r\nContact: <sip:alice@192.0.2.1>\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n";
        byte[] out = busy(invite);
        SipResponse r = (SipResponse) SipParser.create().parseDatagram(out);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.vias()).hasSize(2);
        assertThat(r.topVia().branch()).contains("z9hG4bK-1");
        assertThat(r.from().tag()).contains("a");
        assertThat(r.to().tag()).isPresent();
        assertThat(r.callId()).isEqualTo("c1@h");
        assertThat(r.cseq().sequence()).isEqualTo(7);
        assertThat(r.header("Retry-After")).contains("5");
        assertThat(r.header("Contact")).isEmpty();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void manyShortLinesEndedByABareLineFeedStillFitAndEachGetsACrlf() {
        StringBuilder request = new StringBuilder("OPTIONS sip:b@h SIP/2.0\n");
        for (int i = 0; i < 400; i++) {
            request.append("v:SIP/2.0/UDP h;branch=z9hG4bK").append(i).append('\n');
        }
        request.append("f:<sip:a@h>;tag=1\nt:<sip:b@h>\ni:c\nCSeq:1 OPTIONS\n\n");

        byte[] out = busy(request.toString());

        String text = new String(out, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("SIP/2.0 503 Service Unavailable\r\n").endsWith("Retry-After: 5\r\nContent-Length: 0\r\n\r\n");
        assertThat(text.split("\r\n", -1)).filteredOn(l -> l.startsWith("v:")).hasSize(400);
        assertThat(text).doesNotContain("\n\n").containsPattern("t:<sip:b@h>;tag=[0-9a-f]{1,16}\r\n");
    }

    @Test
    void keepsAToTagThatIsThereAndFoldedLinesWhole() {
        String bye = "BYE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-2\r\n"
                + "From: <sip:alice@example.com>\r\n ;tag=a\r\nTo: <sip:bob@example.com>;tag=b\r\nCall-ID: c2\r\n"
                + "CSeq: 2 BYE\r\n\r\n";
        SipResponse r = (SipResponse) SipParser.create().parseDatagram(busy(bye));
        assertThat(r.to().tag()).contains("b");
        assertThat(r.from().tag()).contains("a");
    }

    @Test
    void nothingForAResponseAnAckOrACancel() {
        String lines = "Via: SIP/2.0/UDP h;branch=z9hG4bK-4\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\n"
                + "Call-ID: c4\r\n";
        assertThat(busy("ACK sip:b@x SIP/2.0\r\n" + lines + "CSeq: 1 ACK\r\n\r\n")).isNull();
        assertThat(busy("SIP/2.0 200 OK\r\n" + lines + "CSeq: 1 INVITE\r\n\r\n")).isNull();
        assertThat(busy("\r\nBYE sip:b@x SIP/2.0\r\n" + lines + "CSeq: 2 BYE\r\n\r\n")).isNotNull();
        // nor a CANCEL: a 503 would end its transaction and leave the INVITE ringing, while
        // unanswered it comes again after T1, when there may be room
        assertThat(busy("CANCEL sip:b@x SIP/2.0\r\n" + lines + "CSeq: 1 CANCEL\r\n\r\n")).isNull();
    }

    @Test
    void nothingWhenALineA503NeedsIsMissing() {
        assertThat(busy("OPTIONS sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-3\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@x>\r\nCSeq: 1 OPTIONS\r\n\r\n")).isNull();
        assertThat(busy("garbage")).isNull();
        assertThat(busy("")).isNull();
    }
}
