package drachtio.api.message;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void lookupIgnoresCaseAndCompactFormsButKeepsOrderAndWireCase() {
        Headers h = Headers.of(List.of(new Header("v", "a"), new Header("VIA", "b"), new Header("Subject", "s"),
                new Header("via", "c")));
        assertThat(h.all("Via")).containsExactly("a", "b", "c");
        assertThat(h.first("v")).contains("a");
        assertThat(h.count("V")).isEqualTo(3);
        assertThat(h.contains("s")).isTrue();
        assertThat(h.name(1)).isEqualTo("VIA");
        assertThat(h.first("Route")).isEmpty();
        assertThat(h.valueOffset(0)).isEqualTo(-1);
    }

    @Test
    void wireHeadersDecodeLazilyAndUnfold() {
        byte[] src = "X: plain\r\nY: caf\u00c3\u00a9\r\nZ: one\r\n  two".getBytes(StandardCharsets.ISO_8859_1);
        // value ranges as a parser would report them
        int[] ranges = {3, 8, 0, 13, 18, 1, 23, 33, 1};
        Headers h = Headers.ofWire(src, 3, new String[] {"X", "Y", "Z"}, new String[] {"x", "y", "z"}, ranges);
        assertThat(h.value(0)).isEqualTo("plain");
        assertThat(h.value(1)).isEqualTo("café");
        assertThat(h.value(2)).isEqualTo("one two");
        assertThat(h.valueOffset(2)).isEqualTo(23);
        assertThat(h.toList()).containsExactly(new Header("X", "plain"), new Header("Y", "café"), new Header("Z", "one two"));
    }

    @Test
    void unfoldCollapsesEveryFoldWithItsWhiteSpace() {
        assertThat(Headers.unfold("a \r\n\t b\n c")).isEqualTo("a b c");
    }

    @Test
    void headerNamesHaveOneKeyForLongAndCompactForms() {
        assertThat(HeaderNames.key("i")).isEqualTo("call-id");
        assertThat(HeaderNames.key("CALL-ID")).isEqualTo("call-id");
        assertThat(HeaderNames.key("X-Foo")).isEqualTo("x-foo");
        assertThat(HeaderNames.canonical("m")).isEqualTo("Contact");
        assertThat(HeaderNames.canonical("X-Foo")).isEqualTo("X-Foo");
        assertThat(HeaderNames.compact("Content-Type")).contains("c");
        assertThat(HeaderNames.compact("CSeq")).isEmpty();
        assertThat(HeaderNames.same("l", "content-length")).isTrue();
        for (String compact : List.of("i", "m", "e", "l", "c", "f", "s", "k", "t", "v", "o", "u", "r", "b", "x", "y")) {
            assertThat(HeaderNames.key(compact)).as(compact).hasSizeGreaterThan(1);
        }
    }
}
