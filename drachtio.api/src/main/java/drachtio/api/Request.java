package drachtio.api;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Uri;
import drachtio.api.header.Via;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.spi.Source;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * An incoming request as middleware and routes see it: the immutable {@link SipRequest} with
 * typed accessors, where it came from, and a place for middleware to leave typed results for
 * later handlers ({@link #attribute(Class)}). Typed accessors parse on first use and throw
 * {@link drachtio.api.message.SipParseException} (which becomes a 400) for a malformed value.
 */
public interface Request {

    /** @return the message as received (with {@code received}/{@code rport} on the top Via) */
    SipRequest message();

    /** @return the method */
    default Method method() {
        return message().method();
    }

    /** @return the Request-URI */
    default Uri uri() {
        return message().uri();
    }

    /** @return the From address; {@code req.from().tag()} and {@code req.from().uri()} */
    default Address from() {
        return message().from();
    }

    /** @return the To address */
    default Address to() {
        return message().to();
    }

    /** @return the Call-ID */
    default String callId() {
        return message().callId();
    }

    /** @return the CSeq */
    default CSeq cseq() {
        return message().cseq();
    }

    /** @return the Via values, top first */
    default List<Via> vias() {
        return message().vias();
    }

    /** @return every Contact value in order, empty when there is none ({@code *} included) */
    default List<Contact> contacts() {
        return message().contacts();
    }

    /** @return the Expires header in seconds, when present */
    default OptionalInt expires() {
        return message().expires();
    }

    /** @return Max-Forwards, when present */
    default OptionalInt maxForwards() {
        return message().maxForwards();
    }

    /**
     * @param name a header name, long or compact, any case
     * @return its first value as written, when present
     */
    default Optional<String> header(String name) {
        return message().headers().first(name);
    }

    /**
     * @param name a header name
     * @return every value of it in order (comma-separated values are not split)
     */
    default List<String> headers(String name) {
        return message().headers().all(name);
    }

    /**
     * Parses a header through the header-parser SPI (the built-ins or a provider's).
     *
     * @param name a header name
     * @param type the type its parser returns, e.g. {@code Address.class}
     * @param <T> that type
     * @return the first value, parsed, when present
     */
    default <T> Optional<T> header(String name, Class<T> type) {
        return message().headers().first(name, type);
    }

    /** @return the body octets (a copy; empty when none) */
    default byte[] body() {
        return message().body();
    }

    /** @return the body decoded as UTF-8 */
    default String bodyText() {
        return message().bodyText();
    }

    /** @return the Content-Type, when there is one */
    default Optional<ContentType> contentType() {
        return message().contentType();
    }

    /** @return where the request came from */
    Source source();

    /** @return {@code UDP} or {@code TCP} */
    default String transport() {
        return source().transport();
    }

    /** @return the sender's address and port */
    default InetSocketAddress remote() {
        return source().remote();
    }

    /**
     * @param type the key: the class of the value
     * @param <T> the value's type
     * @return the value a middleware left under that key
     */
    <T> Optional<T> attribute(Class<T> type);

    /**
     * Leaves a value for later handlers, keyed by its class (e.g. the digest middleware's
     * {@code AuthenticatedUser}).
     *
     * @param type the key
     * @param value the value
     * @param <T> the value's type
     */
    <T> void attribute(Class<T> type, T value);

    /**
     * Tells the App what to do when the caller cancels this INVITE (or re-INVITE) before it is
     * answered: with a CANCEL, with a BYE in the early dialog a provisional of ours made, or, for
     * a re-INVITE, with a BYE that ends the dialog (RFC 3261 15, 15.1.2). The
     * CANCEL or BYE has been answered 200 and the INVITE 487 when the listener runs; a later
     * {@link Response#send} fails with {@link IllegalStateException}. The listener runs on its
     * own virtual thread; if the caller hung up before this call, it runs at once.
     *
     * @param listener receives the CANCEL or the BYE
     */
    void onCancel(Consumer<SipRequest> listener);

    /** @return whether the caller cancelled this request */
    boolean cancelled();
}
