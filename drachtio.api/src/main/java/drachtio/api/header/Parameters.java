package drachtio.api.header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered list of {@code ;name=value} parameters as found on URIs and header values.
 *
 * <p>Names are looked up ignoring case (RFC 3261 7.3.1) but keep the case they were written
 * with. A value is the text after {@code =} exactly as written, so a quoted-string keeps its
 * quotes and an escaped URI parameter keeps its {@code %HH} escapes; a parameter written
 * without {@code =} has the value {@code null}. Use {@link #unquoted(String)} for the text
 * inside a quoted-string.
 */
public final class Parameters {
    private static final String[] NONE = new String[0];
    /** The empty parameter list. */
    public static final Parameters EMPTY = new Parameters(NONE);

    // name0, value0, name1, value1, ...
    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /**
     * Creates a parameter list from alternating names and values.
     *
     * @param namesAndValues name, value, name, value...; a value may be {@code null}
     * @return the parameters
     * @throws IllegalArgumentException if the count is odd or a name is null or empty
     */
    public static Parameters of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        if (namesAndValues.length == 0) {
            return EMPTY;
        }
        String[] copy = namesAndValues.clone();
        for (int i = 0; i < copy.length; i += 2) {
            if (copy[i] == null || copy[i].isEmpty()) {
                throw new IllegalArgumentException("parameter name must not be empty");
            }
        }
        return new Parameters(copy);
    }

    /**
     * Wraps an array the caller hands over and never touches again; for parsers that already
     * validated the names.
     *
     * @param namesAndValues alternating names and values, even length
     * @return the parameters
     */
    public static Parameters wrap(String[] namesAndValues) {
        return namesAndValues.length == 0 ? EMPTY : new Parameters(namesAndValues);
    }

    /** @return the number of parameters */
    public int size() {
        return pairs.length >> 1;
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /**
     * @param index position, from 0
     * @return the name of the parameter at that position, as written
     */
    public String name(int index) {
        return pairs[index << 1];
    }

    /**
     * @param index position, from 0
     * @return the value of the parameter at that position, or {@code null} when it had none
     */
    public String value(int index) {
        return pairs[(index << 1) + 1];
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param name the parameter name, any case
     * @return whether the parameter is present, with or without a value
     */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * @param name the parameter name, any case
     * @return the first value of that parameter as written; empty when the parameter is
     *     absent or has no value
     */
    public Optional<String> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.ofNullable(pairs[i + 1]);
    }

    /**
     * @param name the parameter name, any case
     * @return the value with surrounding quotes removed and {@code \}-escapes resolved
     */
    public Optional<String> unquoted(String name) {
        return get(name).map(Parameters::unquote);
    }

    /**
     * Returns a copy with the parameter set to the value, replacing the first of that name or
     * appending a new one.
     *
     * @param name the name
     * @param value the value, or {@code null} for a flag parameter
     * @return the new list
     */
    public Parameters with(String name, String value) {
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = pairs.clone();
            copy[i + 1] = value;
        } else {
            copy = Arrays.copyOf(pairs, pairs.length + 2);
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Parameters(copy);
    }

    /**
     * @param name the name, any case
     * @return a copy without any parameter of that name
     */
    public Parameters without(String name) {
        List<String> kept = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                kept.add(pairs[i]);
                kept.add(pairs[i + 1]);
            }
        }
        return kept.size() == pairs.length ? this : new Parameters(kept.toArray(NONE));
    }

    /**
     * Removes the quotes around a quoted-string and resolves its quoted-pairs; text that is not
     * quoted comes back unchanged.
     *
     * @param text a token or a quoted-string
     * @return the content
     */
    public static String unquote(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            return text;
        }
        if (text.indexOf('\\') < 0) {
            return text.substring(1, text.length() - 1);
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) {
                c = text.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Makes a quoted-string of text, escaping {@code "}, {@code \} and control characters as
     * quoted-pairs (RFC 3261 25.1).
     *
     * @param text the content
     * @return the quoted-string
     * @throws IllegalArgumentException when the text holds CR or LF, which no quoted-string
     *     can carry
     */
    public static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a quoted-string cannot hold CR or LF");
            }
            if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /**
     * Appends the wire form.
     *
     * @param sb where to write
     * @param first the character before the first parameter, or 0 for none
     * @param separator the character between parameters
     */
    void appendTo(StringBuilder sb, char first, char separator) {
        for (int i = 0; i < pairs.length; i += 2) {
            char c = i == 0 ? first : separator;
            if (c != 0) {
                sb.append(c);
            }
            sb.append(pairs[i]);
            if (pairs[i + 1] != null) {
                sb.append('=').append(pairs[i + 1]);
            }
        }
    }

    /** @return the wire form, each parameter preceded by {@code ;} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb, ';', ';');
        return sb.toString();
    }

    /** Equal when the same names (ignoring case) carry the same values in the same order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Parameters p) || p.pairs.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(p.pairs[i]) || !Objects.equals(pairs[i + 1], p.pairs[i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < pairs.length; i += 2) {
            h = 31 * h + pairs[i].toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + Objects.hashCode(pairs[i + 1]);
        }
        return h;
    }
}
