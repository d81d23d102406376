package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An INVITE route that answers with {@code res.send(200, sdp)} (the seed's form) has sent a 2xx
 * to an INVITE: a dialog exists (RFC 3261 12.1.1) and the caller's BYE must get 200, not 481.
 */
class InviteAnsweredWithSendTest {
    private static final StackConfig QUICK_CLOSE = StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build();
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    private final App server = Drachtio.app(QUICK_CLOSE);
    private final App client = Drachtio.app(QUICK_CLOSE);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void theCallersByeAfterA200SentWithSendGets200() throws Exception {
        server.invite((req, res) -> res.send(200, Parts.body("application/sdp", SDP)));
        int port = server.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();
        client.listen(Listen.udp("127.0.0.1", 0));

        Dialog dlg = client.uac().call("sip:bob@127.0.0.1:" + port, Parts.body("application/sdp", SDP));
        CompletableFuture<DialogEnd> ended = new CompletableFuture<>();
        dlg.onEnd(ended::complete);
        dlg.bye();

        SipResponse byeAnswer = (SipResponse) ended.get(5, TimeUnit.SECONDS).message();
        assertThat(byeAnswer.status()).as(byeAnswer.statusLine()).isEqualTo(200);
    }
}
