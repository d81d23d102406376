package drachtio.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code drachtio serve} answers calls "with SDP": the answer must be one RFC 3264 allows. */
class ServeSdpAnswerTest {
    private SipServer server;
    private App client;
    private String target;

    @BeforeEach
    void start() {
        server = SipServer.start(new ServeConfig(List.of(Listen.udp("127.0.0.1", 0)), "drachtio",
                Map.of(), List.of("SHA-256", "MD5")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        target = "sip:service@127.0.0.1:" + server.listening().getFirst().port();
        client = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build());
        client.listen(Listen.udp("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private SipResponse call(String offer) {
        PendingCall call = client.uac().withTimeout(Duration.ofSeconds(5))
                .start(target, Parts.body("application/sdp", offer));
        SipResponse answer = call.awaitFinal();
        if (answer.success()) {
            call.ack().bye();
        }
        return answer;
    }

    /** RFC 3264 6: "The answer MUST contain exactly the same number of m= lines as the offer." */
    @Test
    void anAudioAndVideoOfferIsAnsweredWithAnMLineForEachStream() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n"
                + "m=video 4002 RTP/AVP 31\r\n";

        SipResponse answer = call(offer);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText().lines().filter(l -> l.startsWith("m="))).as(answer.bodyText())
                .satisfiesExactly(audio -> assertThat(audio).startsWith("m=audio ").doesNotStartWith("m=audio 0 "),
                        video -> assertThat(video).isEqualTo("m=video 0 RTP/AVP 31"));
    }

    @Test
    void anOfferWithoutAudioIsRefused488() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=video 4002 RTP/AVP 31\r\n";

        assertThat(call(offer).status()).isEqualTo(488);
    }

    /** RFC 8866 5.14: a media port may be written port/number-of-ports; still an audio offer. */
    @Test
    void anAudioOfferWithAPortCountIsAnswered() {
        String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000/2 RTP/AVP 0\r\n";

        assertThat(call(offer).statusLine()).isEqualTo("SIP/2.0 200 OK");
    }
}
