package drachtio.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Header;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Headers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HeaderParserRegistry#of} with hand-made providers. Discovery through ServiceLoader
 * (module path, class path, broken and conflicting providers) is tested from the outside, in
 * child JVMs, by drachtio.spi-tests.
 */
class HeaderParserRegistryTest {

    /** A parser of raw text for the given names. */
    private record TextParser(List<String> names) implements HeaderParser<String> {
        TextParser(String... names) {
            this(List.of(names));
        }

        @Override
        public Class<String> type() {
            return String.class;
        }

        @Override
        public String parse(CharSequence value) {
            return value.toString();
        }
    }

    /** A provider of fixed parsers. */
    private record Provider(String name, int weight, List<HeaderParser<?>> parsers) implements HeaderParserProvider {
        Provider(String name, HeaderParser<?>... parsers) {
            this(name, 100, List.of(parsers));
        }

        @Override
        public List<HeaderParser<?>> create() {
            return parsers;
        }
    }

    @Test
    void twoProvidersClaimingOneHeaderIsAnErrorNamingBoth() {
        var a = new Provider("alpha", new TextParser("P-Asserted-Identity"));
        var b = new Provider("beta", new TextParser("P-Asserted-Identity"));

        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(a, b)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("header P-Asserted-Identity is claimed by two header parser providers: alpha and beta");
        // the order given does not matter: providers are sorted first
        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(b, a)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("header P-Asserted-Identity is claimed by two header parser providers: alpha and beta");
    }

    @Test
    void claimsConflictIgnoringCase() {
        var a = new Provider("alpha", new TextParser("p-asserted-identity"));
        var b = new Provider("beta", new TextParser("P-ASSERTED-IDENTITY"));

        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(a, b)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("alpha", "beta");
    }

    @Test
    void longFormAndCompactFormClaimedByTwoProvidersConflict() {
        var longForm = new Provider("long-form", new TextParser("Session-Expires"));
        var compactForm = new Provider("compact-form", new TextParser("x"));

        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(longForm, compactForm)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("header Session-Expires is claimed by two header parser providers: compact-form and long-form");
    }

    @Test
    void conflictIsFoundWhateverTheWeights() {
        var light = new Provider("light", -10, List.of(new TextParser("Subject")));
        var heavy = new Provider("heavy", 1000, List.of(new TextParser("s")));

        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(heavy, light)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("header s is claimed by two header parser providers: light and heavy");
    }

    @Test
    void twoParsersOfOneProviderClaimingOneHeaderIsAnError() {
        var p = new Provider("doubled", new TextParser("Subject"), new TextParser("subject"));

        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(p)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("doubled");
    }

    /**
     * HeaderParser.names() asks for "the long form first, then any compact form": both spellings
     * map to one key, and that is one claim, not two.
     */
    @Test
    void oneParserNamingLongAndCompactFormIsOneClaim() {
        var parser = new TextParser("Session-Expires", "x");
        var registry = HeaderParserRegistry.of(List.of(new Provider("rfc4028", parser)));

        assertThat(registry.parser("x")).containsSame(parser);
        assertThat(registry.parser("Session-Expires")).containsSame(parser);
    }

    /** A provider whose create() throws; it would claim the given names if it worked. */
    private static HeaderParserProvider failing(String name, String... claims) {
        return new HeaderParserProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<HeaderParser<?>> create() {
                throw new IllegalStateException("cannot create " + List.of(claims));
            }
        };
    }

    @Test
    void providerWhoseCreateThrowsIsSkipped() {
        var good = new TextParser("P-Asserted-Identity");

        var registry = HeaderParserRegistry.of(List.of(failing("broken", "Subject"), new Provider("good", good)));

        assertThat(registry.parser("P-Asserted-Identity")).containsSame(good);
        assertThat(registry.parser("Subject")).isEmpty();
    }

    @Test
    void providerWhoseCreateThrowsDoesNotTakePartInConflicts() {
        var good = new TextParser("Subject");

        // "broken" sorts before "good": it would be the first claimant
        var registry = HeaderParserRegistry.of(List.of(new Provider("good", good), failing("broken", "Subject")));

        assertThat(registry.parser("s")).containsSame(good);
    }

    @Test
    void weightOrderingDoesNotChangeLookups() {
        var subject = new TextParser("Subject");
        var identity = new TextParser("P-Asserted-Identity");
        List<HeaderParserProvider> heavyFirst = List.of(new Provider("b", 500, List.of(subject)),
                new Provider("a", 5, List.of(identity)));
        List<HeaderParserProvider> swapped = List.of(new Provider("b", 5, List.of(subject)),
                new Provider("a", 500, List.of(identity)));

        for (List<HeaderParserProvider> providers : List.of(heavyFirst, heavyFirst.reversed(), swapped,
                swapped.reversed())) {
            var registry = HeaderParserRegistry.of(providers);
            assertThat(registry.parser("subject")).containsSame(subject);
            assertThat(registry.parser("p-asserted-identity")).containsSame(identity);
        }
    }

    @Test
    void lookupsIgnoreCaseAndMapCompactForms() {
        var sessionExpires = new TextParser("Session-Expires");
        var custom = new TextParser("X-Custom-Thing");
        var registry = HeaderParserRegistry.of(List.of(new Provider("p", sessionExpires, custom)));

        for (String name : List.of("Session-Expires", "session-expires", "SESSION-EXPIRES", "sEsSiOn-ExPiReS", "x", "X")) {
            assertThat(registry.parser(name)).as(name).containsSame(sessionExpires);
            assertThat(registry.parserForKey(HeaderNames.key(name))).as(name).isSameAs(sessionExpires);
        }
        assertThat(registry.parser("x-custom-thing")).containsSame(custom);
        assertThat(registry.parser("X-CUSTOM-THING")).containsSame(custom);
    }

    @Test
    void compactFormClaimServesTheLongFormToo() {
        var parser = new TextParser("x");
        var registry = HeaderParserRegistry.of(List.of(new Provider("compact-only", parser)));

        assertThat(registry.parser("Session-Expires")).containsSame(parser);
    }

    @Test
    void unknownHeadersHaveNoParser() {
        var registry = HeaderParserRegistry.of(List.of(new Provider("p", new TextParser("Subject"))));

        assertThat(registry.parser("P-Preferred-Identity")).isEmpty();
        assertThat(registry.parser("q")).isEmpty();
        assertThat(registry.parserForKey("p-preferred-identity")).isNull();
        assertThat(HeaderParserRegistry.of(List.of()).parser("Subject")).isEmpty();
    }

    @Test
    void registryDoesNotFollowLaterChangesToTheProviderList() {
        var parser = new TextParser("Subject");
        List<HeaderParserProvider> providers = new ArrayList<>(List.of(new Provider("p", parser)));
        var registry = HeaderParserRegistry.of(providers);

        providers.add(new Provider("later", new TextParser("P-Asserted-Identity")));

        assertThat(registry.parser("P-Asserted-Identity")).isEmpty();
        assertThat(registry.parser("Subject")).containsSame(parser);
    }

    /*
     * Typed lookups through Headers use HeaderParserRegistry.system(). In these tests it finds no
     * provider: the tests run patched into the drachtio.api module, whose descriptor provides
     * none, and drachtio.parser is not on the path. The wrong-class case needs a provider, so it
     * is tested in drachtio.spi-tests (TypedLookupTest).
     */

    @Test
    void typedLookupOfAHeaderWithoutAParserIsAnIllegalStateException() {
        Headers headers = Headers.of(List.of(new Header("X-Unknown", "1"), new Header("Subject", "hi")));

        assertThatThrownBy(() -> headers.first("x-unknown", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no header parser is registered for x-unknown");
        assertThatThrownBy(() -> headers.all("s", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no header parser is registered for s");
    }

    @Test
    void typedLookupOfAnAbsentHeaderIsEmptyWithoutAskingForAParser() {
        Headers headers = Headers.of(List.of(new Header("Subject", "hi")));

        assertThat(headers.first("X-Absent", String.class)).isEmpty();
        assertThat(headers.all("X-Absent", String.class)).isEmpty();
    }

    @Test
    void twoProvidersWithOneNameAreAnError() {
        var a = new Provider("same", new TextParser("X-A"));
        var b = new Provider("same", new TextParser("X-B"));
        assertThatThrownBy(() -> HeaderParserRegistry.of(List.of(a, b)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two header parser providers are named same");
    }

    @Test
    void parsersWithoutAnOctetOverrideReadTheOctetsAsText() {
        HeaderParser<String> upper = new HeaderParser<>() {
            @Override
            public List<String> names() {
                return List.of("X-Upper");
            }

            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public String parse(CharSequence value) {
                return value.toString().toUpperCase(java.util.Locale.ROOT);
            }
        };
        byte[] octets = "X-Upper: abc def".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(upper.parse(octets, 9, 3)).isEqualTo("ABC");
        assertThat(upper.parseList(octets, 13, 3)).containsExactly("DEF");
    }
}
