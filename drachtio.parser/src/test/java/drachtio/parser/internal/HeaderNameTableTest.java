package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HeaderNameTableTest {
    /** Looks the name up where it sits inside a header line, as the scanner does. */
    private static int find(String name) {
        byte[] b = ("  " + name + ": x\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return HeaderNameTable.find(b, 2, name.length());
    }

    private static int id(int found) {
        return (HeaderNameTable.meta(found) >>> HeaderNameTable.ID_SHIFT) - 1;
    }

    @Test
    void everyWellKnownSpellingResolvesInAnyCase() {
        for (String name : HeaderNames.known()) {
            int id = HeaderNames.known().indexOf(name);
            int exact = find(name);
            assertThat(exact).as(name).isGreaterThanOrEqualTo(0);
            assertThat(id(exact)).as(name).isEqualTo(id);
            assertThat(HeaderNameTable.meta(exact) & HeaderNameTable.CANONICAL).as(name).isNotZero();
            for (String other : new String[] {name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                if (!other.equals(name)) {
                    int found = find(other);
                    assertThat(found).as(other).isGreaterThanOrEqualTo(0);
                    assertThat(id(found)).as(other).isEqualTo(id);
                    assertThat(HeaderNameTable.meta(found) & HeaderNameTable.CANONICAL).as(other).isZero();
                }
            }
        }
    }

    @Test
    void compactFormsResolveToTheirLongForm() {
        assertThat(id(find("v"))).isEqualTo(HeaderNames.known().indexOf("Via"));
        assertThat(id(find("I"))).isEqualTo(HeaderNames.known().indexOf("Call-ID"));
        assertThat(HeaderNameTable.meta(find("m")) & HeaderNameTable.CANONICAL).isZero();
    }

    @Test
    void nearMissesAreNotWellKnown() {
        for (String name : new String[] {"Vi", "Viaa", "Content-Lengtx", "Content-Length2", "ontent-Length", "Contact-",
            "Proxy-Authorizatio", "P-Preferred-Identity-X", "X-Very-Long-Header-Name-Here", "g", "Call_ID", "Via.",
            "Content-Lengt", "Accept-Languagf"}) {
            assertThat(find(name)).as(name).isEqualTo(-1);
        }
    }

    @Test
    void aNameAtTheVeryEndOfTheOctetsIsReadSafely() {
        byte[] b = "xTo".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(id(HeaderNameTable.find(b, 1, 2))).isEqualTo(HeaderNames.known().indexOf("To"));
    }
}
