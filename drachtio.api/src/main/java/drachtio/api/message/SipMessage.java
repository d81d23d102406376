package drachtio.api.message;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable SIP message: a {@link SipRequest} or a {@link SipResponse}.
 *
 * <p>Typed accessors parse their header on first use and cache the result; they throw
 * {@link SipParseException} when the header is malformed, and for the headers every message
 * must carry (Via, From, To, Call-ID, CSeq) also when it is missing.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** @return the protocol version from the start line, normally {@code SIP/2.0} */
    String version();

    /** @return the header fields in order */
    Headers headers();

    /** @return the wire octets of the whole message (for a parsed message, exactly as received) */
    byte[] toBytes();

    /** @return the number of body octets */
    int bodyLength();

    /** @return a copy of the body octets */
    byte[] body();

    /** @return the body decoded as UTF-8 */
    default String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name, any case, long or compact
     * @return the value of the first field of that name, as text
     */
    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /**
     * @param name a header name, any case, long or compact
     * @param type the type the header's registered parser produces
     * @param <T> that type
     * @return the first value, parsed
     */
    default <T> Optional<T> header(String name, Class<T> type) {
        return headers().first(name, type);
    }

    /** @return every Via value, top first */
    default List<Via> vias() {
        return headers().allTyped(Keys.VIA_ID, Keys.VIA, "Via", Via.class);
    }

    /** @return the top Via */
    default Via topVia() {
        return required(Keys.VIA_ID, Keys.VIA, "Via", Via.class);
    }

    /** @return the From address */
    default Address from() {
        return required(Keys.FROM_ID, Keys.FROM, "From", Address.class);
    }

    /** @return the To address */
    default Address to() {
        return required(Keys.TO_ID, Keys.TO, "To", Address.class);
    }

    /** @return the Call-ID */
    default String callId() {
        return required(Keys.CALL_ID_ID, Keys.CALL_ID, "Call-ID", String.class);
    }

    /** @return the CSeq */
    default CSeq cseq() {
        return required(Keys.CSEQ_ID, Keys.CSEQ, "CSeq", CSeq.class);
    }

    /** @return every Contact value in order */
    default List<Contact> contacts() {
        return headers().allTyped(Keys.CONTACT_ID, Keys.CONTACT, "Contact", Contact.class);
    }

    /** @return every Route value in order */
    default List<Address> routes() {
        return headers().allTyped(Keys.ROUTE_ID, Keys.ROUTE, "Route", Address.class);
    }

    /** @return every Record-Route value in order */
    default List<Address> recordRoutes() {
        return headers().allTyped(Keys.RECORD_ROUTE_ID, Keys.RECORD_ROUTE, "Record-Route", Address.class);
    }

    /** @return the Max-Forwards value */
    default OptionalInt maxForwards() {
        return optionalInt(headers().firstTyped(Keys.MAX_FORWARDS_ID, Keys.MAX_FORWARDS, "Max-Forwards", Integer.class));
    }

    /** @return the Expires value in seconds */
    default OptionalInt expires() {
        return optionalInt(headers().firstTyped(Keys.EXPIRES_ID, Keys.EXPIRES, "Expires", Integer.class));
    }

    /** @return the Content-Length header's value (not the body size) */
    default OptionalInt contentLength() {
        return optionalInt(headers().firstTyped(Keys.CONTENT_LENGTH_ID, Keys.CONTENT_LENGTH, "Content-Length", Integer.class));
    }

    /** @return the Content-Type */
    default Optional<ContentType> contentType() {
        return Optional.ofNullable(headers().firstTyped(Keys.CONTENT_TYPE_ID, Keys.CONTENT_TYPE, "Content-Type", ContentType.class));
    }

    private <T> T required(int id, String key, String name, Class<T> type) {
        T value = headers().firstTyped(id, key, name, type);
        if (value == null) {
            throw new SipParseException("missing " + name + " header", -1);
        }
        return value;
    }

    private static OptionalInt optionalInt(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
