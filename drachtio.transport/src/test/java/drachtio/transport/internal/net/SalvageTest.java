package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalvageTest {

    private static Optional<Salvage.ErrorReply> salvage(String text, int status, String reason) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return Salvage.reply(b, 0, b.length, status, reason);
    }

    @Test
    void buildsResponseFromReadableHeadersSkippingBrokenOnes() {
        String text = "\r\nINVITE sip:bob@example.com SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-s1\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-s0\r\n"
                + "From: <sip:alice@example.com>;tag=f\r\n"
                + "garbage line\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "i: cid@host\r\n"
                + "CSeq: 4 INVITE\r\n"
                + "Subject: bin\u0001ary\r\n"
                + "\r\nbody";
        SipResponse r = salvage(text, 400, "header field name not followed by a colon").orElseThrow().response();

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("header field name not followed by a colon");
        assertThat(r.headers().all("Via")).containsExactly("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-s1",
                "SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-s0");
        assertThat(r.header("Call-ID")).contains("cid@host");
        assertThat(r.header("CSeq")).contains("4 INVITE");
        assertThat(r.header("To").orElseThrow()).startsWith("<sip:bob@example.com>;tag=");
        assertThat(r.header("Subject")).isEmpty();
    }

    @Test
    void topViaComesFromTheFirstViaLine() {
        String text = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1:5062;branch=z9hG4bK-a, SIP/2.0/UDP b\r\n\r\n";
        var reply = salvage(text, 400, "bad").orElseThrow();
        assertThat(reply.topVia().transport()).isEqualTo("TCP");
        assertThat(reply.topVia().port()).isEqualTo(5062);
    }

    @Test
    void keepsAnExistingToTag() {
        String text = "BYE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-b\r\nTo: <sip:b@h>;tag=t9\r\n\r\n";
        assertThat(salvage(text, 400, "bad").orElseThrow().response().header("To")).contains("<sip:b@h>;tag=t9");
    }

    @Test
    void makesReasonPhraseSafe() {
        String text = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-r\r\n\r\n";
        SipResponse r = salvage(text, 400, "bad\r\nX-Injected: yes").orElseThrow().response();
        assertThat(r.reason()).doesNotContain("\r").doesNotContain("\n");
        assertThat(r.headers().contains("X-Injected")).isFalse();
        assertThat(salvage(text, 400, "\r\n").orElseThrow().response().reason()).isEqualTo("Bad Request");
    }

    @Test
    void givesNothingWithoutAReadableVia() {
        assertThat(salvage("OPTIONS sip:x SIP/2.0\r\nFrom: <sip:a@b>\r\n\r\n", 400, "x")).isEmpty();
        assertThat(salvage("OPTIONS sip:x SIP/2.0\r\nVia: not a via at all\r\n\r\n", 400, "x")).isEmpty();
    }

    @Test
    void givesNothingForResponsesAcksAndGarbage() {
        String via = "Via: SIP/2.0/UDP h;branch=z9hG4bK-n\r\n\r\n";
        assertThat(salvage("SIP/2.0 200 OK\r\n" + via, 400, "x")).isEmpty();
        assertThat(salvage("ACK sip:x SIP/2.0\r\n" + via, 400, "x")).isEmpty();
        assertThat(salvage("FOO sip:x SIP/2.0\r\nCSeq: 1 ACK\r\n" + via, 400, "x")).isEmpty();
        assertThat(salvage("\u0000\u0001\u0002", 400, "x")).isEmpty();
        assertThat(salvage("OPTIONS sip:x HTTP/1.1\r\n" + via, 400, "x")).isEmpty();
        assertThat(salvage("", 400, "x")).isEmpty();
    }

    @Test
    void unfoldsContinuationLines() {
        String text = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n ;branch=z9hG4bK-f\r\nCall-ID: c\r\n\r\n";
        var reply = salvage(text, 400, "x").orElseThrow();
        assertThat(reply.topVia().branch()).contains("z9hG4bK-f");
        assertThat(reply.response().header("Call-ID")).contains("c");
    }
}
