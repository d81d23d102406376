package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawPeekTest {

    private static RawPeek peek(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return RawPeek.of(b, b.length);
    }

    private static String request(String method, String to, String callIdLine) {
        return method + " sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\n" + to + "\r\n" + callIdLine + "\r\n"
                + "CSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    @Test
    void theTopViaIsTheFirstViaLineWhateverItsSpelling() {
        byte[] b = ("INVITE sip:bob@example.com SIP/2.0\r\nMax-Forwards: 70\r\nv :  SIP/2.0/UDP 192.0.2.1:5070 \r\n"
                + "Via: SIP/2.0/UDP 192.0.2.2\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        int[] span = RawPeek.topVia(b, b.length);

        assertThat(new String(b, span[0], span[1] - span[0], StandardCharsets.UTF_8)).isEqualTo("SIP/2.0/UDP 192.0.2.1:5070");
        byte[] none = request("INVITE", "To: <sip:bob@example.com>", "Call-ID: c1").replace("Via", "X-Via")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(RawPeek.topVia(none, none.length)).isNull();
    }

    @Test
    void aRequestWithoutAToTagStartsSomething() {
        assertThat(peek(request("INVITE", "To: <sip:bob@example.com>", "Call-ID: c1")).startsSomething()).isTrue();
        assertThat(peek(request("REGISTER", "t: <sip:bob@example.com>", "Call-ID: c1")).startsSomething()).isTrue();
    }

    @Test
    void aToTagInAnyCaseOrSpacingMeansADialog() {
        assertThat(peek(request("BYE", "To: <sip:bob@example.com>;tag=x", "Call-ID: c1")).startsSomething()).isFalse();
        assertThat(peek(request("BYE", "TO : <sip:bob@example.com> ; TAG = x", "Call-ID: c1")).startsSomething())
                .isFalse();
        assertThat(peek(request("INFO", "t:<sip:bob@example.com>;x=1;tag=9", "i: c1")).startsSomething()).isFalse();
    }

    @Test
    void aTagLikeParameterIsNotATag() {
        assertThat(peek(request("INVITE", "To: <sip:bob@example.com>;tagx=1;xtag=2", "Call-ID: c1"))
                .startsSomething()).isTrue();
    }

    @Test
    void responsesAckAndCancelFinishWorkRatherThanStartIt() {
        assertThat(peek(request("ACK", "To: <sip:bob@example.com>", "Call-ID: c1")).startsSomething()).isFalse();
        assertThat(peek(request("CANCEL", "To: <sip:bob@example.com>", "Call-ID: c1")).startsSomething()).isFalse();
        assertThat(peek("SIP/2.0 200 OK\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n\r\n").startsSomething())
                .isFalse();
    }

    @Test
    void aRequestAnsweringAChallengeFinishesWorkRatherThanStartIt() {
        String register = request("REGISTER", "To: <sip:bob@example.com>", "Call-ID: c1");
        assertThat(peek(register.replace("CSeq:", "Authorization: Digest username=\"bob\"\r\nCSeq:"))
                .startsSomething()).isFalse();
        assertThat(peek(register.replace("CSeq:", "proxy-authorization : Digest username=\"bob\"\r\nCSeq:"))
                .startsSomething()).isFalse();
        assertThat(peek(register.replace("CSeq:", "X-Authorization: no\r\nCSeq:")).startsSomething()).isTrue();
    }

    @Test
    void theCallIdHashIgnoresTheFormOfItsHeader() {
        int full = peek(request("INVITE", "To: <sip:b@x>", "Call-ID: abc@host")).callIdHash();
        assertThat(peek(request("BYE", "To: <sip:b@x>;tag=1", "i:abc@host  ")).callIdHash()).isEqualTo(full);
        assertThat(peek("SIP/2.0 180 Ringing\r\ncall-id:\tabc@host\r\n\r\n").callIdHash()).isEqualTo(full);
        assertThat(peek(request("INVITE", "To: <sip:b@x>", "Call-ID: abd@host")).callIdHash()).isNotEqualTo(full);
    }

    @Test
    void onlyHeaderLinesCount() {
        String body = "INVITE sip:b@x SIP/2.0\r\nTo: <sip:b@x>\r\nCall-ID: real\r\nContent-Length: 16\r\n\r\n"
                + "Call-ID: fake\r\n";
        assertThat(peek(body).callIdHash()).isEqualTo(peek("SIP/2.0 200 OK\r\nCall-ID: real\r\n\r\n").callIdHash());
    }

    @Test
    void garbageYieldsNoCallIdAndNeverThrows() {
        byte[] junk = new byte[600];
        new java.util.Random(7).nextBytes(junk);
        for (int n = 0; n <= junk.length; n += 37) {
            RawPeek p = RawPeek.of(junk, n);
            assertThat(p).isNotNull();
        }
        assertThat(peek("").callIdHash()).isZero();
        assertThat(peek("\r\n\r\n").startsSomething()).isTrue();
    }
}
