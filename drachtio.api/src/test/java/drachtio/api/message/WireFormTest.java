package drachtio.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import drachtio.api.header.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormTest {
    /** What encoding the text as a whole gives: the reference the direct encoder must match. */
    private static byte[] textual(String line, List<Header> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(line).append("\r\n");
        for (Header h : headers) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void assertEncodesLikeTheText(String line, List<String> values, byte[] body) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            headers.add(new Header(i % 2 == 0 ? "X-Value" : "Subject", values.get(i)));
        }
        byte[] expected = textual(line, headers, body);
        WireForm w = WireForm.encode(line, Headers.of(headers), body);
        assertThat(w.source()).isEqualTo(expected);
        assertThat(w.bodyStart()).isEqualTo(expected.length - body.length);
        assertThat(w.end()).isEqualTo(expected.length);
    }

    @Test
    void anyTextEncodesExactlyAsUtf8OfTheWholeMessageWould() {
        qt().withExamples(2_000).forAll(strings().allPossible().ofLengthBetween(0, 12),
                lists().of(strings().allPossible().ofLengthBetween(0, 24)).ofSizeBetween(0, 6),
                strings().basicLatinAlphabet().ofLengthBetween(0, 30))
                .checkAssert((reason, values, body) -> assertEncodesLikeTheText("SIP/2.0 200 " + reason, values,
                        body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void surrogatePairsTakeFourOctetsAndALoneSurrogateBecomesAQuestionMark() {
        String pair = "a\uD83D\uDE00b"; // U+1F600
        String lone = "\uD83Dx\uDE00\uD83D";
        assertEncodesLikeTheText("MESSAGE sip:x@example.com SIP/2.0", List.of(pair, lone, "M\u00fcller \u20ac"), new byte[0]);
        assertThat(WireForm.utf8Length(pair)).isEqualTo(6);
        assertThat(WireForm.utf8Length(lone)).isEqualTo(4);
        assertThat(WireForm.utf8Length("M\u00fcller \u20ac")).isEqualTo(11);
    }
}
