package drachtio.api.spi;

import java.util.List;

/**
 * Parses the value of one kind of header into a typed, immutable value.
 *
 * <p>A parser is stateless and safe to call from many threads. It throws
 * {@link drachtio.api.message.SipParseException} with the offset into the value on bad input and
 * nothing else.
 *
 * @param <T> the type of one value
 */
public interface HeaderParser<T> {

    /**
     * @return the header names this parser handles: the long form first, then any compact
     *     form; compared ignoring case
     */
    List<String> names();

    /** @return the class of the parsed value, used to check typed lookups */
    Class<T> type();

    /**
     * @return whether one header line may carry several comma-separated values (Via,
     *     Contact, Route, ...: RFC 3261 7.3.1); such headers may also repeat
     */
    default boolean listValued() {
        return false;
    }

    /**
     * Parses a single-valued header's value.
     *
     * @param value the value, folding already replaced by spaces, no leading or trailing space
     * @return the typed value
     * @throws drachtio.api.message.SipParseException when the value does not match the grammar
     */
    T parse(CharSequence value);

    /**
     * Parses every comma-separated value on one header line. The default handles
     * single-valued headers: the one value in a list.
     *
     * @param value the value text of one header line
     * @return the values, at least one
     * @throws drachtio.api.message.SipParseException when the value does not match the grammar
     */
    default List<T> parseList(CharSequence value) {
        return List.of(parse(value));
    }

    /**
     * Parses a single-valued header's value straight from the octets of a received message,
     * for parsers that scan octets: no view object per value. Called only for values that are
     * all ASCII without line folding. The default reads them through an {@link AsciiChars}
     * view with {@link #parse(CharSequence)}; an override must give the same result.
     *
     * @param octets the message octets, not to be modified
     * @param offset where the value starts
     * @param length its length
     * @return the typed value
     * @throws drachtio.api.message.SipParseException when the value does not match the grammar,
     *     with the offset into the value
     */
    default T parse(byte[] octets, int offset, int length) {
        return parse(new AsciiChars(octets, offset, length));
    }

    /**
     * Parses every comma-separated value on one header line straight from the octets, as
     * {@link #parse(byte[], int, int)} does for one value. The default reads them through an
     * {@link AsciiChars} view with {@link #parseList(CharSequence)}.
     *
     * @param octets the message octets, not to be modified
     * @param offset where the value starts
     * @param length its length
     * @return the values, at least one
     * @throws drachtio.api.message.SipParseException when the value does not match the grammar
     */
    default List<T> parseList(byte[] octets, int offset, int length) {
        return parseList(new AsciiChars(octets, offset, length));
    }
}
