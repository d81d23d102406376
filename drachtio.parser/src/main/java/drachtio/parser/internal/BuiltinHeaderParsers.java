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
import java.util.Objects;

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

    /** The grammars, as the {@code int} each {@link Parser} switches on. */
    private static final int VIA = 0;
    private static final int ADDRESS = 1;
    private static final int CONTACT = 2;
    private static final int CALL_ID = 3;
    private static final int CSEQ = 4;
    private static final int NUMBER = 5;
    private static final int DELTA_SECONDS = 6;
    private static final int CONTENT_TYPE = 7;
    private static final int CHALLENGE = 8;
    private static final int CREDENTIALS = 9;

    @Override
    public List<HeaderParser<?>> create() {
        return List.of(
                list("Via", Via.class, VIA),
                single("From", Address.class, ADDRESS),
                single("To", Address.class, ADDRESS),
                list("Contact", Contact.class, CONTACT),
                list("Route", Address.class, ADDRESS),
                list("Record-Route", Address.class, ADDRESS),
                list("Path", Address.class, ADDRESS),
                list("Service-Route", Address.class, ADDRESS),
                single("Call-ID", String.class, CALL_ID),
                single("CSeq", CSeq.class, CSEQ),
                single("Max-Forwards", Integer.class, NUMBER),
                single("Content-Length", Integer.class, NUMBER),
                single("Expires", Integer.class, DELTA_SECONDS),
                single("Min-Expires", Integer.class, DELTA_SECONDS),
                single("Content-Type", ContentType.class, CONTENT_TYPE),
                single("WWW-Authenticate", Challenge.class, CHALLENGE),
                single("Proxy-Authenticate", Challenge.class, CHALLENGE),
                single("Authorization", Credentials.class, CREDENTIALS),
                single("Proxy-Authorization", Credentials.class, CREDENTIALS),
                single("Reply-To", Address.class, ADDRESS),
                single("Refer-To", Address.class, ADDRESS),
                single("Referred-By", Address.class, ADDRESS));
    }

    private static Contact oneContact(Cursor c) {
        List<Contact> all = AddressGrammar.contactsValue(c);
        if (all.size() != 1) {
            throw new SipParseException("one Contact value expected", -1);
        }
        return all.getFirst();
    }

    private static List<String> names(String name) {
        return HeaderNames.compact(name).map(c -> List.of(name, c)).orElse(List.of(name));
    }

    private static <T> HeaderParser<T> single(String name, Class<T> type, int grammar) {
        return new Parser<>(names(name), type, false, grammar);
    }

    private static <T> HeaderParser<T> list(String name, Class<T> type, int grammar) {
        return new Parser<>(names(name), type, true, grammar);
    }

    /**
     * One value by grammar. A switch over static methods rather than a {@code Function} per
     * parser, so the call from the header cache is not megamorphic and the grammar can inline.
     */
    private static Object one(int grammar, CharSequence s) {
        return switch (grammar) {
            case CALL_ID -> MiscGrammar.callId(s);
            case NUMBER -> MiscGrammar.number(s);
            case DELTA_SECONDS -> MiscGrammar.deltaSeconds(s);
            default -> one(grammar, new Cursor(s));
        };
    }

    /** One value from the octets of a received message: no view, and no cursor for the simplest rules. */
    private static Object one(int grammar, byte[] b, int off, int len) {
        return switch (grammar) {
            case CALL_ID -> MiscGrammar.callId(b, off, len);
            case NUMBER -> MiscGrammar.digits(b, off, len, false);
            case DELTA_SECONDS -> MiscGrammar.digits(b, off, len, true);
            case CSEQ -> MiscGrammar.cseq(b, off, len);
            case CONTENT_TYPE -> MiscGrammar.contentType(b, off, len);
            default -> one(grammar, new Cursor(b, off, len));
        };
    }

    private static Object one(int grammar, Cursor c) {
        return switch (grammar) {
            case VIA -> ViaGrammar.viaValue(c);
            case ADDRESS -> AddressGrammar.addressValue(c);
            case CONTACT -> oneContact(c);
            case CSEQ -> MiscGrammar.cseqValue(c);
            case CONTENT_TYPE -> MiscGrammar.contentTypeValue(c);
            case CHALLENGE -> AuthGrammar.challengeValue(c);
            case CREDENTIALS -> AuthGrammar.credentialsValue(c);
            default -> throw new IllegalStateException("grammar " + grammar);
        };
    }

    /** Every comma-separated value of one line, for the list-valued grammars. */
    private static List<?> many(int grammar, Cursor c) {
        return switch (grammar) {
            case VIA -> ViaGrammar.viasValue(c);
            case ADDRESS -> AddressGrammar.addressesValue(c);
            case CONTACT -> AddressGrammar.contactsValue(c);
            default -> throw new IllegalStateException("grammar " + grammar + " is not list-valued");
        };
    }

    /** One header's parser: its names, value type and grammar. */
    private record Parser<T>(List<String> names, Class<T> type, boolean listValued, int grammar)
            implements HeaderParser<T> {

        @Override
        @SuppressWarnings("unchecked")
        public T parse(CharSequence value) {
            return (T) one(grammar, value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> parseList(CharSequence value) {
            return (List<T>) (listValued ? many(grammar, new Cursor(value)) : List.of(one(grammar, value)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public T parse(byte[] octets, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, octets.length);
            return (T) one(grammar, octets, offset, length);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> parseList(byte[] octets, int offset, int length) {
            Objects.checkFromIndexSize(offset, length, octets.length);
            return (List<T>) (listValued ? many(grammar, new Cursor(octets, offset, length))
                    : List.of(one(grammar, octets, offset, length)));
        }

        @Override
        public String toString() {
            return "HeaderParser" + names;
        }
    }
}
