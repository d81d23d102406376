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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dialogs an App answers: a 2xx sent with {@code res.send} makes one as {@code res.answer} does
 * (RFC 3261 12.1.1), and a dialog handler that fails with an Error is a failed handler like one
 * that throws an Exception.
 */
class AppDialogsTest {
    private static final StackConfig QUICK_CLOSE = StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build();
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
    private final App server = Drachtio.app(QUICK_CLOSE);
    private final App client = Drachtio.app(QUICK_CLOSE);

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private DialogEnd hangUpWith(Supplier<? extends Throwable> failure) throws Exception {
        CompletableFuture<DialogEnd> serverEnd = new CompletableFuture<>();
        server.invite((req, res) -> {
            Dialog dlg = res.answer(Parts.body("application/sdp", SDP));
            dlg.onEnd(serverEnd::complete);
            dlg.onBye((bye, byeRes) -> {
                Throwable t = failure.get();
                if (t instanceof Error e) {
                    throw e;
                }
                throw (Exception) t;
            });
        });
        int port = server.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();
        client.listen(Listen.udp("127.0.0.1", 0));

        Dialog dlg = client.uac().call("sip:bob@127.0.0.1:" + port, Parts.body("application/sdp", SDP));
        CompletableFuture<DialogEnd> clientEnd = new CompletableFuture<>();
        dlg.onEnd(clientEnd::complete);
        dlg.bye();

        int byeStatus = ((drachtio.api.message.SipResponse) clientEnd.get(5, TimeUnit.SECONDS).message()).status();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.dialogs().count() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.dialogs().count()).as("server dialogs left after the BYE (answered %s)", byeStatus).isZero();
        assertThat(byeStatus).isEqualTo(200);
        return serverEnd.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aByeHandlerThatThrowsAnExceptionStillEndsTheDialog() throws Exception {
        assertThat(hangUpWith(() -> new IllegalStateException("bug")).reason()).isEqualTo(DialogEnd.Reason.REMOTE_BYE);
        assertThat(server.dialogs().count()).isZero();
    }

    @Test
    void aByeHandlerThatThrowsAnErrorStillEndsTheDialog() throws Exception {
        assertThat(hangUpWith(() -> new AssertionError("bug")).reason()).isEqualTo(DialogEnd.Reason.REMOTE_BYE);
        assertThat(server.dialogs().count()).isZero();
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
