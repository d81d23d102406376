package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.SipUri;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.parser.SipParser;
import drachtio.parser.SipValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The "What works today" snippet of README.md, kept honest: same calls, same results. */
class ReadmeParsingExampleTest {
    private static final Path DIR = Path.of(System.getProperty("drachtio.examples.dir", "../examples"));

    @Test
    void readmeParsingSnippetGivesTheValuesItClaims() throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve("invite.sip"));
        SipMessage msg = SipParser.create().parseDatagram(bytes);

        assertThat(SipValidator.check(msg)).isEmpty();
        SipRequest req = (SipRequest) msg;
        assertThat(req.method() + " " + req.uri()).isEqualTo("INVITE sip:dave@chicago.example.com");
        assertThat(msg.from().tag()).contains("a73kszlfl");
        assertThat(msg.from().display()).contains("Carol");
        assertThat(msg.from().uri()).isInstanceOfSatisfying(SipUri.class, uri -> {
            assertThat(uri.user()).isEqualTo("carol");
            assertThat(uri.host()).isEqualTo("boston.example.com");
        });
        assertThat(msg.callId()).isEqualTo("4f1c8e2a9b7d@192.0.2.10");
        assertThat(msg.cseq().sequence()).isEqualTo(101L);
        assertThat(msg.topVia().branch()).contains("z9hG4bK-7f3a91c2e4");
        assertThat(msg.header("user-agent")).contains("drachtio-java-example/0.1");
        assertThat(msg.contentType()).isPresent();
        assertThat(msg.bodyText()).startsWith("v=0\r\n");
    }

    @Test
    void readmeParseErrorHasReasonOffsetAndStatus() {
        byte[] bytes = "NOT SIP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> SipParser.create().parseDatagram(bytes))
                .isInstanceOfSatisfying(SipParseException.class, e -> {
                    assertThat(e.reason()).isNotBlank();
                    assertThat(e.offset()).isBetween(0, bytes.length);
                    assertThat(e.status()).isEqualTo(400);
                });
    }
}
