package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Challenge;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Credentials;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import drachtio.api.header.Uri;
import drachtio.api.header.Via;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.AsciiChars;
import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserRegistry;
import drachtio.parser.Grammar;
import drachtio.parser.Grammars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** Round trips of generated values through their wire form, and robustness against any input. */
class GrammarPropertiesTest {
    private static final int EXAMPLES = 2000;

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String UNRESERVED = ALNUM + "-_.!~*'()";
    private static final String[] ESCAPES = {"%41", "%00", "%2f", "%25", "%3A", "%40", "%20"};
    private static final String USER = UNRESERVED + "&=+$,;?/";
    private static final String PASSWORD = UNRESERVED + "&=+$,";
    private static final String PARAM = UNRESERVED + "[]/:&+$";
    private static final String HNV = UNRESERVED + "[]/?:+$";
    private static final String TOKEN = ALNUM + "-.!%*_+`'~";
    private static final String TOKEN68 = ALNUM + "-._~+/";
    private static final String[] IPV6 = {"::1", "::", "2001:db8::10", "2001:db8::10:5070", "2001:db8:::192.0.2.1",
        "::ffff:192.0.2.10", "1:2:3:4:5:6:7:8", "fe80::1:2", "1:2:3:4:5:6:1.2.3.4", "2001:DB8:0:0:8:800:200C:417A",
        "1::"};
    private static final String[] UNICODE = {"é", "ü", "работающий", "大停電", "😀", "ß"};

    // ---- randomness helpers -------------------------------------------------------------

    private static int n(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static boolean coin(RandomnessSource in) {
        return n(in, 0, 1) == 1;
    }

    private static String pick(RandomnessSource in, String[] options) {
        return options[n(in, 0, options.length - 1)];
    }

    /** 1..max characters from the alphabet, with %HH escapes mixed in when asked. */
    private static String chars(RandomnessSource in, String alphabet, int min, int max, boolean escapes) {
        int len = n(in, min, max);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (escapes && n(in, 0, 7) == 0) {
                sb.append(pick(in, ESCAPES));
            } else {
                sb.append(alphabet.charAt(n(in, 0, alphabet.length() - 1)));
            }
        }
        return sb.toString();
    }

    private static String hostName(RandomnessSource in) {
        switch (n(in, 0, 3)) {
            case 0:
                return n(in, 0, 255) + "." + n(in, 0, 255) + "." + n(in, 0, 255) + "." + n(in, 0, 255);
            case 1:
                return "[" + pick(in, IPV6) + "]";
            default:
                StringBuilder sb = new StringBuilder();
                int labels = n(in, 1, 4);
                for (int i = 0; i < labels; i++) {
                    if (i > 0) {
                        sb.append('.');
                    }
                    sb.append(chars(in, ALNUM, 1, 1, false)).append(chars(in, ALNUM + "-", 0, 6, false));
                }
                return sb.toString();
        }
    }

    private static String quoted(RandomnessSource in) {
        return Parameters.quote(text(in));
    }

    /** Display-name text: printable ASCII including quotes and backslashes, and some UTF-8. */
    private static String text(RandomnessSource in) {
        int len = n(in, 0, 12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int k = n(in, 0, 9);
            if (k == 0) {
                sb.append(pick(in, UNICODE));
            } else if (k == 1) {
                sb.append(coin(in) ? '"' : '\\');
            } else {
                sb.append((char) n(in, 0x20, 0x7e));
            }
        }
        return sb.toString();
    }

    private static Parameters uriParams(RandomnessSource in, String alphabet, int max, boolean emptyValues) {
        int count = n(in, 0, max);
        String[] p = new String[count * 2];
        for (int i = 0; i < count; i++) {
            p[2 * i] = chars(in, alphabet, 1, 8, true);
            p[2 * i + 1] = switch (n(in, 0, 3)) {
                case 0 -> null;
                case 1 -> emptyValues ? "" : "v";
                default -> chars(in, alphabet, 1, 10, true);
            };
        }
        return Parameters.of(p);
    }

    private static Parameters headerParams(RandomnessSource in, int max) {
        int count = n(in, 0, max);
        String[] p = new String[count * 2];
        for (int i = 0; i < count; i++) {
            p[2 * i] = chars(in, TOKEN, 1, 8, false);
            p[2 * i + 1] = switch (n(in, 0, 5)) {
                case 0 -> null;
                case 1 -> quoted(in);
                case 2 -> "[" + pick(in, IPV6) + "]";
                case 3 -> pick(in, IPV6);
                default -> chars(in, TOKEN, 1, 10, false);
            };
        }
        return Parameters.of(p);
    }

    // ---- generators ---------------------------------------------------------------------

    static final Gen<SipUri> SIP_URIS = in -> {
        String user = coin(in) ? chars(in, USER, 1, 10, true) : null;
        String password = user != null && n(in, 0, 3) == 0 ? chars(in, PASSWORD, 0, 6, true) : null;
        int port = coin(in) ? -1 : n(in, 0, 65535);
        return new SipUri(coin(in), user, password, hostName(in), port, uriParams(in, PARAM, 3, false),
                n(in, 0, 3) == 0 ? uriParams(in, HNV, 2, true) : Parameters.EMPTY);
    };

    static final Gen<TelUri> TEL_URIS = in -> {
        String number = coin(in) ? "+" + chars(in, "0123456789-.()", 1, 12, false) + n(in, 0, 9)
                : chars(in, "0123456789ABCDEF*#", 1, 8, false);
        return new TelUri(number, uriParams(in, PARAM, 2, false));
    };

    static final Gen<AbsoluteUri> ABSOLUTE_URIS = in -> {
        String scheme;
        do {
            scheme = chars(in, "abcdefghijklmnopqrstuvwxyzXYZ", 1, 1, false) + chars(in, ALNUM + "+-.", 0, 6, false);
        } while (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips") || scheme.equalsIgnoreCase("tel"));
        String rest = chars(in, UNRESERVED + ":/?#[]@!$&()*+,;=%", 1, 20, false);
        return new AbsoluteUri(scheme, rest);
    };

    static final Gen<Uri> URIS = in -> switch (n(in, 0, 5)) {
        case 0 -> TEL_URIS.generate(in);
        case 1 -> ABSOLUTE_URIS.generate(in);
        default -> SIP_URIS.generate(in);
    };

    static final Gen<Address> ADDRESSES = in -> {
        String display = switch (n(in, 0, 2)) {
            case 0 -> null;
            case 1 -> chars(in, TOKEN, 1, 8, false);
            default -> text(in);
        };
        return new Address(display, URIS.generate(in), headerParams(in, 3));
    };

    static final Gen<Via> VIAS = in -> new Via(coin(in) ? "SIP" : chars(in, TOKEN, 1, 5, false),
            coin(in) ? "2.0" : chars(in, TOKEN, 1, 4, false), chars(in, TOKEN, 1, 6, false), hostName(in),
            coin(in) ? -1 : n(in, 0, 65535), headerParams(in, 4));

    static final Gen<CSeq> CSEQS = in -> new CSeq(in.next(Constraint.between(0, 0xFFFF_FFFFL)), chars(in, TOKEN, 1, 12, false));

    static final Gen<ContentType> CONTENT_TYPES = in -> {
        int count = n(in, 0, 3);
        String[] p = new String[count * 2];
        for (int i = 0; i < count; i++) {
            p[2 * i] = chars(in, TOKEN, 1, 8, false);
            p[2 * i + 1] = coin(in) ? quoted(in) : chars(in, TOKEN, 1, 8, false);
        }
        return new ContentType(chars(in, TOKEN, 1, 10, false), chars(in, TOKEN, 1, 10, false), Parameters.of(p));
    };

    private static Parameters authParams(RandomnessSource in) {
        if (n(in, 0, 4) == 0) {
            return Parameters.of(chars(in, TOKEN68, 1, 20, false) + "=".repeat(n(in, 0, 2)), null);
        }
        int count = n(in, 0, 5);
        String[] p = new String[count * 2];
        for (int i = 0; i < count; i++) {
            p[2 * i] = chars(in, TOKEN, 1, 8, false);
            p[2 * i + 1] = switch (n(in, 0, 4)) {
                case 0 -> count == 1 ? null : "v";
                case 1, 2 -> quoted(in);
                default -> chars(in, TOKEN, 1, 10, false);
            };
        }
        return Parameters.of(p);
    }

    static final Gen<Challenge> CHALLENGES = in -> new Challenge(chars(in, TOKEN, 1, 10, false), authParams(in));
    static final Gen<Credentials> CREDENTIALS = in -> new Credentials(chars(in, TOKEN, 1, 10, false), authParams(in));

    // ---- round trips --------------------------------------------------------------------

    private static <T> void roundTrips(Gen<T> gen, Function<CharSequence, T> parse) {
        qt().withExamples(EXAMPLES).forAll(gen).checkAssert(v -> {
            String wire = v.toString();
            assertThat(parse.apply(wire)).as(wire).isEqualTo(v);
            // the same text as octets behind an ASCII view, where it is ASCII
            byte[] b = wire.getBytes(StandardCharsets.ISO_8859_1);
            if (new String(b, StandardCharsets.ISO_8859_1).equals(wire)) {
                assertThat(parse.apply(new AsciiChars(b, 0, b.length))).as(wire).isEqualTo(v);
            }
        });
    }

    @Test
    void sipUrisRoundTrip() {
        roundTrips(SIP_URIS, UriGrammar::sipUri);
    }

    @Test
    void everySipUriTheParserReadsIsWireTextToTheBuilders() {
        // SipUri.checked() guards what applications build; it must never refuse what was parsed
        qt().withExamples(EXAMPLES).forAll(SIP_URIS).checkAssert(v -> {
            SipUri parsed = UriGrammar.sipUri(v.toString());
            assertThat(parsed.checked()).isSameAs(parsed);
        });
    }

    @Test
    void anyUriRoundTrips() {
        roundTrips(URIS, UriGrammar::uri);
    }

    @Test
    void telUrisRoundTrip() {
        roundTrips(TEL_URIS, t -> (TelUri) UriGrammar.uri(t));
    }

    @Test
    void addressesRoundTrip() {
        roundTrips(ADDRESSES, AddressGrammar::address);
    }

    @Test
    void addressListsAndContactListsRoundTrip() {
        Gen<List<Address>> lists = in -> {
            List<Address> l = new ArrayList<>();
            int count = n(in, 1, 4);
            for (int i = 0; i < count; i++) {
                l.add(ADDRESSES.generate(in));
            }
            return l;
        };
        qt().withExamples(EXAMPLES / 2).forAll(lists).checkAssert(l -> {
            StringBuilder sb = new StringBuilder();
            List<Contact> contacts = new ArrayList<>();
            for (Address a : l) {
                sb.append(sb.isEmpty() ? "" : " ,\t").append(a);
                contacts.add(Contact.of(a));
            }
            assertThat(AddressGrammar.addresses(sb)).isEqualTo(l);
            assertThat(AddressGrammar.contacts(sb)).isEqualTo(contacts);
        });
    }

    @Test
    void viasRoundTrip() {
        roundTrips(VIAS, ViaGrammar::via);
    }

    @Test
    void cseqsRoundTrip() {
        roundTrips(CSEQS, MiscGrammar::cseq);
    }

    @Test
    void contentTypesRoundTrip() {
        roundTrips(CONTENT_TYPES, MiscGrammar::contentType);
    }

    @Test
    void challengesAndCredentialsRoundTrip() {
        roundTrips(CHALLENGES, AuthGrammar::challenge);
        roundTrips(CREDENTIALS, AuthGrammar::credentials);
    }

    @Test
    void numbersRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(integers().allPositive()).checkAssert(i -> {
            assertThat(MiscGrammar.number(Integer.toString(i))).isEqualTo(i);
            assertThat(MiscGrammar.deltaSeconds("000" + i)).isEqualTo(i);
        });
    }

    // ---- robustness ---------------------------------------------------------------------

    private record Rule(String name, Grammar<?> grammar, Gen<String> valid) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("URI", Grammars.URI, URIS.map(Object::toString)),
            new Rule("SIP_URI", Grammars.SIP_URI, SIP_URIS.map(Object::toString)),
            new Rule("ADDRESS", Grammars.ADDRESS, ADDRESSES.map(Object::toString)),
            new Rule("ADDRESSES", Grammars.ADDRESSES, ADDRESSES.map(a -> a + ", " + a)),
            new Rule("CONTACTS", Grammars.CONTACTS, ADDRESSES.map(a -> a + "," + a)),
            new Rule("VIA", Grammars.VIA, VIAS.map(Object::toString)),
            new Rule("VIAS", Grammars.VIAS, VIAS.map(v -> v + " , " + v)),
            new Rule("CSEQ", Grammars.CSEQ, CSEQS.map(Object::toString)),
            new Rule("CALL_ID", Grammars.CALL_ID, in -> chars(in, TOKEN + "()<>:\\\"/[]?{}", 1, 10, false) + "@h"),
            new Rule("NUMBER", Grammars.NUMBER, integers().allPositive().map((Integer i) -> String.valueOf(i))),
            new Rule("DELTA_SECONDS", Grammars.DELTA_SECONDS, integers().allPositive().map((Integer i) -> String.valueOf(i))),
            new Rule("CONTENT_TYPE", Grammars.CONTENT_TYPE, CONTENT_TYPES.map(Object::toString)),
            new Rule("CHALLENGE", Grammars.CHALLENGE, CHALLENGES.map(Object::toString)),
            new Rule("CREDENTIALS", Grammars.CREDENTIALS, CREDENTIALS.map(Object::toString)));

    private static final String NASTY = ";,:<>\"\\@[]%= \t/?&*\r\n\u0000\u007f\u00ff\u0430.0123456789abfAF+-_'~!#$";

    /** Applies 1..4 random inserts, deletes and replacements. */
    private static String mutate(RandomnessSource in, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = n(in, 1, 4);
        for (int e = 0; e < edits; e++) {
            int at = n(in, 0, sb.length());
            char c = NASTY.charAt(n(in, 0, NASTY.length() - 1));
            switch (n(in, 0, 2)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Parses, or throws SipParseException with an offset inside the text; never anything else. */
    private static Object parseOrReject(Grammar<?> g, CharSequence text) {
        try {
            return g.parse(text);
        } catch (SipParseException e) {
            assertThat(e.offset()).isBetween(-1, text.length());
            return null;
        }
    }

    @Test
    void mutatedValidValuesParseOrFailCleanly() {
        for (Rule rule : RULES) {
            Gen<String> mutated = in -> mutate(in, rule.valid().generate(in));
            qt().withExamples(EXAMPLES).forAll(mutated).checkAssert(text -> {
                Object v = parseOrReject(rule.grammar(), text);
                if (v != null && !(v instanceof List<?> l && l.size() != 1) && rule != RULES.get(8)) {
                    // whatever parses writes out a form that parses to the same value
                    Object again = rule.grammar().parse(v instanceof List<?> l ? l.getFirst().toString() : v.toString());
                    assertThat(again instanceof List<?> l2 ? l2.getFirst() : again).as(rule.name() + ": " + text)
                            .isEqualTo(v instanceof List<?> l3 ? l3.getFirst() : v);
                }
            });
        }
    }

    /** The value, or the failure's offset and reason, so two parses can be compared. */
    private static Object outcome(Grammar<?> g, CharSequence text) {
        try {
            return g.parse(text);
        } catch (SipParseException e) {
            return "failed at " + e.offset() + ": " + e.reason();
        }
    }

    @Test
    void octetViewsInsideLargerBuffersParseExactlyLikeStrings() {
        String pad = ">\";,@]=%:";
        for (Rule rule : RULES) {
            Gen<String> texts = in -> coin(in) ? mutate(in, rule.valid().generate(in)) : rule.valid().generate(in);
            qt().withExamples(EXAMPLES / 2).forAll(texts).checkAssert(text -> {
                byte[] latin = text.getBytes(StandardCharsets.ISO_8859_1);
                if (!new String(latin, StandardCharsets.ISO_8859_1).equals(text)) {
                    return; // not representable as octets one per character
                }
                byte[] b = (pad + text + pad).getBytes(StandardCharsets.ISO_8859_1);
                AsciiChars view = new AsciiChars(b, pad.length(), latin.length);
                assertThat(outcome(rule.grammar(), view)).as(rule.name() + ": " + text)
                        .isEqualTo(outcome(rule.grammar(), text));
            });
        }
    }

    @Test
    void headerParsersOverMessageOctetsParseExactlyLikeStrings() {
        // CSeq and Content-Type have their own octet paths (no Cursor); the outcome must not change
        String pad = "\r\nX: ;\"";
        for (String header : List.of("CSeq", "Content-Type")) {
            Rule rule = RULES.stream().filter(r -> r.name().equals(header.equals("CSeq") ? "CSEQ" : "CONTENT_TYPE"))
                    .findFirst().orElseThrow();
            HeaderParser<?> parser = HeaderParserRegistry.system().parser(header).orElseThrow();
            Gen<String> texts = in -> coin(in) ? mutate(in, rule.valid().generate(in)) : rule.valid().generate(in);
            qt().withExamples(EXAMPLES).forAll(texts).checkAssert(text -> {
                byte[] latin = text.getBytes(StandardCharsets.ISO_8859_1);
                if (!new String(latin, StandardCharsets.ISO_8859_1).equals(text)) {
                    return;
                }
                byte[] b = (pad + text + pad).getBytes(StandardCharsets.ISO_8859_1);
                Object octets;
                try {
                    octets = parser.parse(b, pad.length(), latin.length);
                } catch (SipParseException e) {
                    octets = "failed at " + e.offset() + ": " + e.reason();
                }
                assertThat(octets).as(header + ": " + text).isEqualTo(outcome(rule.grammar(), text));
            });
        }
    }

    @Test
    void arbitraryStringsParseOrFailCleanly() {
        for (Rule rule : RULES) {
            qt().withExamples(EXAMPLES / 2).forAll(strings().allPossible().ofLengthBetween(0, 40))
                    .checkAssert(text -> parseOrReject(rule.grammar(), text));
            Gen<String> nasty = in -> chars(in, NASTY, 0, 30, false);
            qt().withExamples(EXAMPLES / 2).forAll(nasty).checkAssert(text -> {
                parseOrReject(rule.grammar(), text);
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                parseOrReject(rule.grammar(), new AsciiChars(b, 0, b.length));
            });
        }
    }

    @Test
    void arbitraryMultipartBodiesSplitOrFailCleanly() {
        Gen<String> bodies = in -> {
            StringBuilder sb = new StringBuilder();
            int pieces = n(in, 0, 8);
            String[] bits = {"--b", "--b--", "\r\n", "\n", "X: y", ":", " ", "text", "--", "\r"};
            for (int i = 0; i < pieces; i++) {
                sb.append(pick(in, bits));
            }
            return sb.toString();
        };
        qt().withExamples(EXAMPLES).forAll(bodies).checkAssert(body -> {
            try {
                assertThat(MultipartGrammar.split(body.getBytes(StandardCharsets.UTF_8), "b").parts()).isNotNull();
            } catch (SipParseException e) {
                assertThat(e.reason()).isNotBlank();
            }
        });
    }
}
