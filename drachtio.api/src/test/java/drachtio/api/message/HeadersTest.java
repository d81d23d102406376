package drachtio.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void compactWireFieldsGiveNamesAsWrittenAndLookUpByKey() {
        byte[] src = "Via: a\r\nv: b\r\nX-Foo: c\r\nVIA: d\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int via = HeaderNames.known().indexOf("Via") + 1;
        // meta (flags, canonical bit, 1 + id from bit 2), name start, value start, value end
        int[] fields = {via << 2 | 2, 0, 5, 6, via << 2, 8, 11, 12, 0, 14, 21, 22, via << 2, 24, 29, 30};
        Headers h = Headers.ofWire(src, 4, fields);
        assertThat(h.toList()).containsExactly(new Header("Via", "a"), new Header("v", "b"), new Header("X-Foo", "c"),
                new Header("VIA", "d"));
        assertThat(h.all("via")).containsExactly("a", "b", "d");
        assertThat(h.first("x-foo")).contains("c");
        assertThat(h.count("V")).isEqualTo(3);
        assertThat(h.indexOf("x-foo", 0)).isEqualTo(2);
        assertThat(h.indexOf("via", 2)).isEqualTo(3);
        assertThat(h.valueOffset(1)).isEqualTo(11);
    }

    /** Four fields as a scanner reports them: Via, X-Foo (folded, space before the colon), v, subject (empty). */
    private static Headers scanned() {
        byte[] src = "INVITE x SIP/2.0\r\nVia: a\r\nX-Foo \t: \r\n c\r\nv:b\r\nsubject:\r\n\r\n".getBytes(
                StandardCharsets.ISO_8859_1);
        int via = HeaderNames.known().indexOf("Via") + 1;
        int subject = HeaderNames.known().indexOf("Subject") + 1;
        // meta, value start, value end
        int[] fields = {via << 2 | 2, 23, 24, 0, 38, 39, via << 2, 43, 44, subject << 2, 54, 54};
        return Headers.ofScanned(src, 4, fields);
    }

    @Test
    void scannedFieldsFindNamesBeforeTheirValuesAcrossWhiteSpaceAndFolds() {
        Headers h = scanned();
        assertThat(h.toList()).containsExactly(new Header("Via", "a"), new Header("X-Foo", "c"), new Header("v", "b"),
                new Header("subject", ""));
        assertThat(h.first("x-foo")).contains("c");
        assertThat(h.valueOffset(1)).isEqualTo(38);
    }

    @Test
    void eachFieldHasTheKeyItsNameLooksUpBy() {
        Headers wire = scanned();
        assertThat(List.of(wire.key(0), wire.key(1), wire.key(2), wire.key(3)))
                .containsExactly("via", "x-foo", "via", "subject");
        // a well-known header's key is the shared constant, whatever the spelling on the wire
        assertThat(wire.key(2)).isSameAs(HeaderNames.key("Via"));
        Headers built = Headers.of(List.of(new Header("i", "x"), new Header("X-Trace-ID", "y")));
        assertThat(built.key(0)).isEqualTo("call-id");
        assertThat(built.key(1)).isEqualTo("x-trace-id");
        assertThatThrownBy(() -> built.key(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void compactWireFieldsRefuseIdsOutOfRange() {
        byte[] src = "A: b\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int beyond = HeaderNames.known().size() + 1;
        assertThatThrownBy(() -> Headers.ofWire(src, 1, new int[] {beyond << 2, 0, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.ofWire(src, 1, new int[] {2, 0, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.ofWire(src, 2, new int[] {0, 0, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unfoldCollapsesEveryFoldWithItsWhiteSpace() {
        assertThat(Folding.unfold("a \r\n\t b\n c")).isEqualTo("a b c");
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
