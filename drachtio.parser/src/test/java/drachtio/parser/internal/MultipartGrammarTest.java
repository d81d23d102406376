package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.BodyPart;
import drachtio.api.header.MultipartBody;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.parser.Grammars;
import drachtio.parser.SipParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MultipartGrammarTest {

    private static byte[] mpart01() throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/corpus/rfc4475/mpart01.dat"));
    }

    private static SipMessage message(String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "MESSAGE sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:a@example.com>\r\n"
                + "From: <sip:b@example.com>;tag=1\r\nCall-ID: mp1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return SipParser.create().parseDatagram(all);
    }

    @Test
    void splitsRfc4475Mpart01IntoTwoParts() throws IOException {
        byte[] raw = mpart01();
        SipMessage m = SipParser.create().parseDatagram(raw);
        MultipartBody body = Grammars.multipart(m);
        assertThat(body.boundary()).isEqualTo("7a9cbec02ceef655");
        assertThat(body.parts()).hasSize(2);
        BodyPart text = body.parts().get(0);
        assertThat(text.contentType()).contains("text/plain");
        assertThat(text.header("content-transfer-encoding")).contains("binary");
        assertThat(text.text()).isEqualTo("Hello");
        BodyPart bin = body.parts().get(1);
        assertThat(bin.contentType()).contains("application/octet-stream");
        // the binary part runs from after its blank line to the CRLF before the close-delimiter
        byte[] whole = m.body();
        int start = indexOf(whole, "binary\r\n\r\n".getBytes(StandardCharsets.US_ASCII), indexOf(whole,
                "application/octet-stream".getBytes(StandardCharsets.US_ASCII), 0)) + 10;
        int end = indexOf(whole, "\r\n--7a9cbec02ceef655--".getBytes(StandardCharsets.US_ASCII), start);
        assertThat(bin.content()).isEqualTo(Arrays.copyOfRange(whole, start, end));
        assertThat(bin.content()[0]).isEqualTo((byte) 0x30);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void ignoresPreambleAndEpilogueAndAcceptsQuotedBoundary() {
        SipMessage m = message("multipart/mixed; boundary=\"b 1\"",
                "preamble\r\n--b 1\r\nContent-Type: text/plain\r\n folded\r\n\r\none\r\n--b 1  \r\n\r\ntwo\r\n\r\n--b 1--\r\nepilogue");
        MultipartBody b = Grammars.multipart(m);
        assertThat(b.parts()).hasSize(2);
        assertThat(b.parts().get(0).contentType()).contains("text/plain folded");
        assertThat(b.parts().get(0).text()).isEqualTo("one");
        assertThat(b.parts().get(1).headers()).isEmpty();
        assertThat(b.parts().get(1).text()).isEqualTo("two\r\n");
    }

    @Test
    void refusesNonMultipartOrMissingBoundary() {
        assertThatThrownBy(() -> Grammars.multipart(message("application/sdp", "v=0\r\n")))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Grammars.multipart(message("multipart/mixed", "--x\r\n\r\na\r\n--x--")))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Grammars.multipart(message(null, "--x\r\n\r\na\r\n--x--")))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void refusesBodiesThatDoNotFollowTheBoundary() {
        assertThatThrownBy(() -> Grammars.multipart(message("multipart/mixed;boundary=x", "no boundary here")))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Grammars.multipart(message("multipart/mixed;boundary=x", "--x\r\n\r\nunclosed")))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> Grammars.multipart(message("multipart/mixed;boundary=x", "--x\r\nbad header\r\n\r\na\r\n--x--")))
                .isInstanceOf(SipParseException.class);
    }
}
