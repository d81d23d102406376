package drachtio.api.message;

import drachtio.api.header.Header;
import drachtio.api.spi.AsciiChars;
import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered header fields of a message. Lookup ignores case and treats compact and long
 * names alike ({@code v} is {@code Via}); names keep the case they were written with.
 *
 * <p>Headers of a parsed message stay as octets until asked for: a value becomes a
 * {@code String} on first access and a typed value (through the
 * {@link HeaderParserRegistry}) on first typed access, and both are cached. Instances are
 * immutable and safe to share between threads.
 */
public final class Headers implements Iterable<Header> {
    private static final int SLOW = 1;
    /** No headers. */
    public static final Headers EMPTY = new Headers(0, new String[0], new String[0], new String[0], null, null);

    private final int count;
    private final String[] names;
    private final String[] keys;
    /** Decoded values; for wire headers made on first access. */
    private String[] values;
    private final byte[] source;
    /** Per header: value start, value end, flags (stride 3); null for built headers. */
    private final int[] ranges;
    private Object[] typed;

    private Headers(int count, String[] names, String[] keys, String[] values, byte[] source, int[] ranges) {
        this.count = count;
        this.names = names;
        this.keys = keys;
        this.values = values;
        this.source = source;
        this.ranges = ranges;
    }

    /**
     * Headers from text.
     *
     * @param headers the fields, in order
     * @return the headers
     */
    public static Headers of(List<Header> headers) {
        int n = headers.size();
        String[] names = new String[n];
        String[] keys = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            Header h = headers.get(i);
            names[i] = h.name();
            keys[i] = HeaderNames.key(h.name());
            values[i] = h.value();
        }
        return new Headers(n, names, keys, values, null, null);
    }

    /**
     * Headers over a received message's octets, for parser implementations. The arrays are
     * handed over (they may be longer than {@code count}): the caller must not touch them again.
     *
     * @param source the message octets
     * @param count how many headers
     * @param names each header's name as written
     * @param keys each header's key, from {@link HeaderNames#key(String)}
     * @param ranges per header three ints: value start, value end (exclusive, trimmed) and
     *     flags: 1 when the value holds non-ASCII octets or line folding
     * @return the headers
     */
    public static Headers ofWire(byte[] source, int count, String[] names, String[] keys, int[] ranges) {
        if (names.length < count || keys.length < count || ranges.length < count * 3) {
            throw new IllegalArgumentException("arrays shorter than the header count");
        }
        return new Headers(count, names, keys, null, source, ranges);
    }

    /** @return the number of header fields */
    public int size() {
        return count;
    }

    /**
     * @param index position, from 0
     * @return the name of that field as written
     */
    public String name(int index) {
        Objects.checkIndex(index, count);
        return names[index];
    }

    /**
     * @param index position, from 0
     * @return the value of that field, folding replaced by a space
     */
    public String value(int index) {
        Objects.checkIndex(index, count);
        String[] cache = values;
        if (cache == null) {
            cache = new String[count];
            values = cache;
        }
        String v = cache[index];
        if (v == null) {
            v = decode(index);
            cache[index] = v;
        }
        return v;
    }

    /**
     * @param index position, from 0
     * @return the offset of that field's value in the parsed message, or -1 for built headers
     */
    public int valueOffset(int index) {
        return ranges == null ? -1 : ranges[index * 3];
    }

    /**
     * @param index position, from 0
     * @return that field
     */
    public Header get(int index) {
        return new Header(names[index], value(index));
    }

    private String decode(int i) {
        int start = ranges[i * 3];
        int end = ranges[i * 3 + 1];
        if ((ranges[i * 3 + 2] & SLOW) == 0) {
            return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
        }
        return unfold(new String(source, start, end - start, StandardCharsets.UTF_8));
    }

    /** Replaces each line fold, with the white space around it, by one space (RFC 3261 7.3.1). */
    static String unfold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                int j = sb.length();
                while (j > 0 && (sb.charAt(j - 1) == ' ' || sb.charAt(j - 1) == '\t')) {
                    j--;
                }
                sb.setLength(j);
                while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n' || s.charAt(i) == ' '
                        || s.charAt(i) == '\t')) {
                    i++;
                }
                sb.append(' ');
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private CharSequence chars(int i) {
        if (ranges != null && (values == null || values[i] == null) && (ranges[i * 3 + 2] & SLOW) == 0) {
            return new AsciiChars(source, ranges[i * 3], ranges[i * 3 + 1] - ranges[i * 3]);
        }
        return value(i);
    }

    /**
     * @param name a header name, any case, long or compact
     * @return whether at least one field of that name is present
     */
    public boolean contains(String name) {
        return indexOf(HeaderNames.key(name), 0) >= 0;
    }

    /**
     * @param name a header name, any case, long or compact
     * @return how many fields of that name there are
     */
    public int count(String name) {
        String key = HeaderNames.key(name);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param key a key from {@link HeaderNames#key(String)}
     * @param from the first position to look at
     * @return the position of the next field with that key, or -1
     */
    public int indexOf(String key, int from) {
        for (int i = from; i < count; i++) {
            String k = keys[i];
            // well-known keys are shared instances (HeaderNames.key), so identity usually decides
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param name a header name, any case, long or compact
     * @return the value of the first field of that name
     */
    public Optional<String> first(String name) {
        int i = indexOf(HeaderNames.key(name), 0);
        return i < 0 ? Optional.empty() : Optional.of(value(i));
    }

    /**
     * @param name a header name, any case, long or compact
     * @return the values of every field of that name, in order (a field's comma-separated
     *     values are not split)
     */
    public List<String> all(String name) {
        String key = HeaderNames.key(name);
        List<String> out = new ArrayList<>(2);
        for (int i = indexOf(key, 0); i >= 0; i = indexOf(key, i + 1)) {
            out.add(value(i));
        }
        return List.copyOf(out);
    }

    /**
     * The first value of a header, parsed by the registered parser.
     *
     * @param name a header name, any case, long or compact
     * @param type the value type the header's parser produces
     * @param <T> the value type
     * @return the typed value of the first field (for list headers, its first value)
     * @throws SipParseException when the value does not parse; the offset counts from the
     *     start of the message for parsed messages
     * @throws IllegalStateException when no parser is registered for the header
     * @throws IllegalArgumentException when the parser makes values of another type
     */
    public <T> Optional<T> first(String name, Class<T> type) {
        return Optional.ofNullable(firstTyped(HeaderNames.key(name), name, type));
    }

    /**
     * The typed lookup behind {@link #first(String, Class)} for callers that hold the key.
     *
     * @return the first value, or {@code null} when the header is absent
     */
    <T> T firstTyped(String key, String name, Class<T> type) {
        int i = indexOf(key, 0);
        if (i < 0) {
            return null;
        }
        HeaderParser<T> parser = parser(key, name, type);
        Object v = typed(i, parser);
        return type.cast(parser.listValued() ? ((List<?>) v).getFirst() : v);
    }

    /**
     * Every value of a header, parsed by the registered parser: for list headers, the
     * comma-separated values of all fields in order.
     *
     * @param name a header name, any case, long or compact
     * @param type the value type the header's parser produces
     * @param <T> the value type
     * @return the values, possibly empty
     * @throws SipParseException when a value does not parse
     * @throws IllegalStateException when no parser is registered for the header
     * @throws IllegalArgumentException when the parser makes values of another type
     */
    public <T> List<T> all(String name, Class<T> type) {
        return allTyped(HeaderNames.key(name), name, type);
    }

    /** The typed lookup behind {@link #all(String, Class)} for callers that hold the key. */
    <T> List<T> allTyped(String key, String name, Class<T> type) {
        int i = indexOf(key, 0);
        if (i < 0) {
            return List.of();
        }
        HeaderParser<T> parser = parser(key, name, type);
        int next = indexOf(key, i + 1);
        if (next < 0) {
            Object v = typed(i, parser);
            return parser.listValued() ? castList(v, type) : List.of(type.cast(v));
        }
        List<T> out = new ArrayList<>();
        for (; i >= 0; i = indexOf(key, i + 1)) {
            Object v = typed(i, parser);
            if (parser.listValued()) {
                out.addAll(castList(v, type));
            } else {
                out.add(type.cast(v));
            }
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(Object v, Class<T> type) {
        return (List<T>) v;
    }

    @SuppressWarnings("unchecked")
    private static <T> HeaderParser<T> parser(String key, String name, Class<T> type) {
        HeaderParser<?> p = HeaderParserRegistry.system().parserForKey(key);
        if (p == null) {
            throw new IllegalStateException("no header parser is registered for " + name
                    + " (is the drachtio.parser module, or a provider for it, present?)");
        }
        if (!type.isAssignableFrom(p.type())) {
            throw new IllegalArgumentException(name + " parses to " + p.type().getName() + ", not " + type.getName());
        }
        return (HeaderParser<T>) p;
    }

    private Object typed(int i, HeaderParser<?> parser) {
        Object[] cache = typed;
        if (cache == null) {
            cache = new Object[count];
            typed = cache;
        }
        Object v = cache[i];
        if (v == null) {
            try {
                CharSequence chars = chars(i);
                v = parser.listValued() ? parser.parseList(chars) : parser.parse(chars);
            } catch (SipParseException e) {
                throw ranges == null ? e : e.shift(ranges[i * 3]);
            }
            cache[i] = v;
        }
        return v;
    }

    /** @return the fields as a list */
    public List<Header> toList() {
        List<Header> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(get(i));
        }
        return out;
    }

    @Override
    public Iterator<Header> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Header next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }

    /** @return the fields in wire form, one per line */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(names[i]).append(": ").append(value(i)).append("\r\n");
        }
        return sb.toString();
    }
}
