package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.SipUri;
import drachtio.api.spi.AsciiChars;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostNamesTest {
    private static String host(String text, int from, int len) {
        return HostNames.of(text.getBytes(StandardCharsets.ISO_8859_1), from, len);
    }

    private static AsciiChars octets(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return new AsciiChars(b, 0, b.length);
    }

    @Test
    void aHostSeenAgainIsTheSameString() {
        String first = host("xx atlanta.example.com", 3, 19);
        String again = host("atlanta.example.com;lr", 0, 19);
        assertThat(first).isEqualTo("atlanta.example.com");
        assertThat(again).isSameAs(first);
    }

    @Test
    void hostsThatDifferAreNeverConfused() {
        // many distinct hosts, some of them sharing slots, each read back right after and again later
        String[] made = new String[5000];
        for (int i = 0; i < made.length; i++) {
            String text = "h" + i + ".example.net";
            made[i] = host(text, 0, text.length());
            assertThat(made[i]).isEqualTo(text);
        }
        for (int i = 0; i < made.length; i++) {
            String text = "h" + i + ".example.net";
            assertThat(host(text, 0, text.length())).isEqualTo(text);
        }
        assertThat(host("ab", 0, 2)).isEqualTo("ab");
        assertThat(host("ba", 0, 2)).isEqualTo("ba");
        assertThat(host("abc", 0, 2)).isEqualTo("ab");
    }

    @Test
    void uriAndViaHostsComeFromTheTable() {
        // as the header cache hands them over: views of the message octets
        SipUri uri = UriGrammar.sipUri(octets("sip:bob@shared.example.org:5060"));
        var via = ViaGrammar.via(octets("SIP/2.0/UDP shared.example.org;branch=z9hG4bK1"));
        assertThat(uri.host()).isEqualTo("shared.example.org").isSameAs(via.host());
    }
}
