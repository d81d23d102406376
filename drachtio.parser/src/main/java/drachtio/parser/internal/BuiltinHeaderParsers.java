package drachtio.parser.internal;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Challenge;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Credentials;
import drachtio.api.header.Via;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserProvider;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in header parsers, provider {@code drachtio.parser} with weight 0: Via, From,
 * To, Contact, Route, Record-Route, Path, Service-Route, Call-ID, CSeq, Max-Forwards,
 * Content-Length, Expires, Min-Expires, Content-Type, the four authentication headers,
 * Reply-To, Refer-To and Referred-By. P-Asserted-Identity, P-Preferred-Identity and
 * Session-Expires are left for other providers.
 */
public final class BuiltinHeaderParsers implements HeaderParserProvider {

    /** For {@link java.util.ServiceLoader}. */
    public BuiltinHeaderParsers() {
    }

    @Override
    public String name() {
        return "drachtio.parser";
    }

    @Override
    public int weight() {
        return 0;
    }

    @Override
    public List<HeaderParser<?>> create() {
        return List.of(
                list("Via", Via.class, ViaGrammar::via, ViaGrammar::vias),
                single("From", Address.class, AddressGrammar::address),
                single("To", Address.class, AddressGrammar::address),
                list("Contact", Contact.class, BuiltinHeaderParsers::oneContact, AddressGrammar::contacts),
                list("Route", Address.class, AddressGrammar::address, AddressGrammar::addresses),
                list("Record-Route", Address.class, AddressGrammar::address, AddressGrammar::addresses),
                list("Path", Address.class, AddressGrammar::address, AddressGrammar::addresses),
                list("Service-Route", Address.class, AddressGrammar::address, AddressGrammar::addresses),
                single("Call-ID", String.class, MiscGrammar::callId),
                single("CSeq", CSeq.class, MiscGrammar::cseq),
                single("Max-Forwards", Integer.class, MiscGrammar::number),
                single("Content-Length", Integer.class, MiscGrammar::number),
                single("Expires", Integer.class, MiscGrammar::deltaSeconds),
                single("Min-Expires", Integer.class, MiscGrammar::deltaSeconds),
                single("Content-Type", ContentType.class, MiscGrammar::contentType),
                single("WWW-Authenticate", Challenge.class, AuthGrammar::challenge),
                single("Proxy-Authenticate", Challenge.class, AuthGrammar::challenge),
                single("Authorization", Credentials.class, AuthGrammar::credentials),
                single("Proxy-Authorization", Credentials.class, AuthGrammar::credentials),
                single("Reply-To", Address.class, AddressGrammar::address),
                single("Refer-To", Address.class, AddressGrammar::address),
                single("Referred-By", Address.class, AddressGrammar::address));
    }

    private static Contact oneContact(CharSequence s) {
        List<Contact> all = AddressGrammar.contacts(s);
        if (all.size() != 1) {
            throw new SipParseException("one Contact value expected", -1);
        }
        return all.getFirst();
    }

    private static List<String> names(String name) {
        return HeaderNames.compact(name).map(c -> List.of(name, c)).orElse(List.of(name));
    }

    private static <T> HeaderParser<T> single(String name, Class<T> type, Function<CharSequence, T> one) {
        return new Parser<>(names(name), type, false, one, null);
    }

    private static <T> HeaderParser<T> list(String name, Class<T> type, Function<CharSequence, T> one,
                                            Function<CharSequence, List<T>> many) {
        return new Parser<>(names(name), type, true, one, many);
    }

    /** One header's parser: its names, value type and grammar. */
    private record Parser<T>(List<String> names, Class<T> type, boolean listValued,
                             Function<CharSequence, T> one, Function<CharSequence, List<T>> many)
            implements HeaderParser<T> {

        @Override
        public T parse(CharSequence value) {
            return one.apply(value);
        }

        @Override
        public List<T> parseList(CharSequence value) {
            return many == null ? List.of(one.apply(value)) : many.apply(value);
        }

        @Override
        public String toString() {
            return "HeaderParser" + names;
        }
    }
}
