package drachtio.parser;

import drachtio.api.message.SipParseException;
import java.util.Optional;

/**
 * One rule of the SIP grammar, e.g. a URI or a Via value.
 *
 * @param <T> what the rule produces
 */
@FunctionalInterface
public interface Grammar<T> {

    /**
     * @param text the whole text to parse (leading and trailing white space is not allowed
     *     unless the rule says so)
     * @return the value
     * @throws SipParseException with the offset into {@code text} when it does not match
     */
    T parse(CharSequence text);

    /**
     * @param text the text
     * @return the value, or empty when the text does not match
     */
    default Optional<T> tryParse(CharSequence text) {
        try {
            return Optional.of(parse(text));
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }
}
