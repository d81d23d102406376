package drachtio.api.message;

import drachtio.api.header.Header;
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
    /** Per-field flag in {@code fields[3 * i]}: the value holds non-ASCII octets or line folding. */
    private static final int SLOW = 1;
    /** Per-field flag: the name is written exactly as the well-known header's canonical spelling. */
    private static final int CANONICAL = 2;
    private static final int ID_SHIFT = 2;
    private static final int STRIDE = 3;
    private static final int META = 0;
    private static final int VALUE_START = 1;
    private static final int VALUE_END = 2;
    /** No headers. */
    public static final Headers EMPTY = new Headers(0, new int[0], new String[0], new String[0], null);

    private final int count;
    /**
     * Per field three ints: meta (flags, and 1 + the well-known id from bit {@value #ID_SHIFT}
     * up, 0 for other headers), value start, value end; only meta for built headers. A wire
     * name not written canonically is found before its value ({@link WireNames#nameStart}).
     */
    private final int[] fields;
    /** Names as written; for wire headers null until a name that is not canonical is asked for. */
    private String[] names;
    /** Keys; for wire headers null until the key of a header that is not well known is needed. */
    private String[] keys;
    /** The octets of a parsed message, or null for built headers. */
    private final byte[] source;
    /**
     * Bit {@code id} set when a well-known header with that id (below 64) is present, so that a
     * typed accessor for an absent header answers without a scan.
     */
    private final long present;
    /**
     * Whether a well-known header with an id below 64 occurs more than once; when none does, a
     * list accessor that found one field need not look for another (one flag rather than a
     * bit per id keeps this object at 48 bytes).
     */
    private final boolean repeats;
    /** Per field: the value {@code String} at {@code 2 * i}, the typed value at {@code 2 * i + 1}. */
    private Object[] cache;

    private Headers(int count, int[] fields, String[] names, String[] keys, byte[] source) {
        this.count = count;
        this.fields = fields;
        this.names = names;
        this.keys = keys;
        this.source = source;
        long seen = 0;
        long twice = 0;
        for (int i = 0; i < count; i++) {
            int id = (fields[i * STRIDE] >>> ID_SHIFT) - 1;
            long bit = id >= 0 && id < Long.SIZE ? 1L << id : 0;
            twice |= seen & bit;
            seen |= bit;
        }
        this.present = seen;
        this.repeats = twice != 0;
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
        int[] fields = new int[n * STRIDE];
        Object[] cache = new Object[n * 2];
        for (int i = 0; i < n; i++) {
            Header h = headers.get(i);
            names[i] = h.name();
            keys[i] = HeaderNames.key(h.name());
            fields[i * STRIDE] = (HeaderNames.id(keys[i]) + 1) << ID_SHIFT;
            cache[i * 2] = h.value();
        }
        Headers out = new Headers(n, fields, names, keys, null);
        out.cache = cache;
        return out;
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
        int[] fields = new int[count * STRIDE];
        for (int i = 0; i < count; i++) {
            fields[i * STRIDE + META] = (HeaderNames.id(keys[i]) + 1) << ID_SHIFT | (ranges[i * 3 + 2] & SLOW);
            fields[i * STRIDE + VALUE_START] = ranges[i * 3];
            fields[i * STRIDE + VALUE_END] = ranges[i * 3 + 1];
        }
        return new Headers(count, fields, names, keys, source);
    }

    /**
     * Headers over a received message's octets in the compact form a scanner makes, for parser
     * implementations: names and keys come from the octets and {@link HeaderNames#known()}, so a
     * scanner allocates no {@code String} per field. The array is handed over (it may be longer
     * than {@code 4 * count}): the caller must not touch it again.
     *
     * @param source the message octets
     * @param count how many headers
     * @param fields per header four ints: (1) bit 0 set when the value holds non-ASCII octets or
     *     line folding, bit 1 set when the name is written exactly as the well-known spelling,
     *     bits 2 and up 1 + the header's index in {@link HeaderNames#known()} (any long or compact
     *     spelling, any case), or 0 for other headers; (2) where the name starts in
     *     {@code source} (it ends before the first octet that is not a token character); (3) where
     *     the value starts; (4) where it ends (exclusive, trimmed)
     * @return the headers
     * @throws IllegalArgumentException when the array is too short or an id is out of range
     */
    public static Headers ofWire(byte[] source, int count, int[] fields) {
        if (fields.length < count * 4) {
            throw new IllegalArgumentException("array shorter than the header count");
        }
        WireNames.checkMeta(count, fields, 4);
        // the caller said where each name starts: keep that rather than look before the value
        return new Headers(count, WireNames.threeOfFour(count, fields), WireNames.namesOfFour(source, count, fields),
                null, source);
    }

    /**
     * Headers over a received message's octets in three ints per field, for parser
     * implementations: like {@link #ofWire(byte[], int, int[])} without the name start. A name
     * not written exactly as the well-known spelling is read, when first asked for, as the
     * token that ends (after optional white space) at the {@code :} before the value, so the
     * octets must hold each field as {@code name [WS] ":" [LWS] value}. The array is handed
     * over (it may be longer than {@code 3 * count}): the caller must not touch it again.
     *
     * @param source the message octets
     * @param count how many headers
     * @param fields per header three ints: (1) the meta word as in
     *     {@link #ofWire(byte[], int, int[])}; (2) where the value starts; (3) where it ends
     *     (exclusive, trimmed)
     * @return the headers
     * @throws IllegalArgumentException when the array is too short or an id is out of range
     */
    public static Headers ofScanned(byte[] source, int count, int[] fields) {
        if (fields.length < count * STRIDE) {
            throw new IllegalArgumentException("array shorter than the header count");
        }
        WireNames.checkMeta(count, fields, STRIDE);
        return new Headers(count, fields, null, null, source);
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
        String[] given = names;
        if (given != null && given[index] != null) {
            return given[index];
        }
        int meta = fields[index * STRIDE];
        if ((meta & CANONICAL) != 0) {
            return HeaderNames.spelling((meta >>> ID_SHIFT) - 1);
        }
        String name = WireNames.tokenAt(source, WireNames.nameStart(source, fields[index * STRIDE + VALUE_START]));
        if (given == null) {
            given = new String[count];
            names = given;
        }
        given[index] = name;
        return name;
    }

    /**
     * The lookup key of a field, as {@link HeaderNames#key(String)} gives it for its name: for a
     * well-known header the shared constant, found without reading the name.
     *
     * @param index position, from 0
     * @return that field's key
     */
    public String key(int index) {
        Objects.checkIndex(index, count);
        return keyAt(index);
    }

    /** @return the key of field {@code i} */
    private String keyAt(int i) {
        int id = (fields[i * STRIDE] >>> ID_SHIFT) - 1;
        if (id >= 0) {
            return HeaderNames.keyOf(id);
        }
        String[] k = keys;
        if (k != null && k[i] != null) {
            return k[i];
        }
        String key = HeaderNames.key(name(i));
        if (k == null) {
            k = new String[count];
            keys = k;
        }
        k[i] = key;
        return key;
    }

    private Object[] cache() {
        Object[] c = cache;
        if (c == null) {
            c = new Object[count * 2];
            cache = c;
        }
        return c;
    }

    /**
     * @param index position, from 0
     * @return the value of that field, folding replaced by a space
     */
    public String value(int index) {
        Objects.checkIndex(index, count);
        Object[] c = cache();
        Object v = c[index * 2];
        if (v == null) {
            v = decode(index);
            c[index * 2] = v;
        }
        return (String) v;
    }

    /**
     * @param index position, from 0
     * @return the offset of that field's value in the parsed message, or -1 for built headers
     */
    public int valueOffset(int index) {
        return source == null ? -1 : fields[index * STRIDE + VALUE_START];
    }

    /**
     * @param index position, from 0
     * @return that field
     */
    public Header get(int index) {
        return new Header(name(index), value(index));
    }

    private String decode(int i) {
        int start = fields[i * STRIDE + VALUE_START];
        int end = fields[i * STRIDE + VALUE_END];
        if ((fields[i * STRIDE] & SLOW) == 0) {
            return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
        }
        return Folding.unfold(new String(source, start, end - start, StandardCharsets.UTF_8));
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
        for (int i = indexOf(key, 0); i >= 0; i = indexOf(key, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * @param key a key from {@link HeaderNames#key(String)}
     * @param from the first position to look at
     * @return the position of the next field with that key, or -1
     */
    public int indexOf(String key, int from) {
        int id = HeaderNames.id(key);
        return id >= 0 ? indexOfId(id, from) : indexOfOther(key, from);
    }

    /** @return the position of the next field of the well-known header {@code id} from {@code from}, or -1 */
    private int indexOfId(int id, int from) {
        if (id < Long.SIZE && (present & 1L << id) == 0) {
            return -1;
        }
        int[] f = fields;
        int want = (id + 1) << ID_SHIFT;
        for (int i = from; i < count; i++) {
            if ((f[i * STRIDE] & ~(SLOW | CANONICAL)) == want) {
                return i;
            }
        }
        return -1;
    }

    /** @return the position of the next field, not of a well-known header, with that key; or -1 */
    private int indexOfOther(String key, int from) {
        for (int i = from; i < count; i++) {
            if ((fields[i * STRIDE] >>> ID_SHIFT) == 0 && keyAt(i).equals(key)) {
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
        String key = HeaderNames.key(name);
        return Optional.ofNullable(firstTyped(HeaderNames.id(key), key, name, type));
    }

    /**
     * The typed lookup behind {@link #first(String, Class)} for callers that hold the key and
     * its id ({@link HeaderNames#id(String)}, -1 for a header that is not well known).
     *
     * @return the first value, or {@code null} when the header is absent
     */
    <T> T firstTyped(int id, String key, String name, Class<T> type) {
        int i = id >= 0 ? indexOfId(id, 0) : indexOfOther(key, 0);
        if (i < 0) {
            return null;
        }
        HeaderParser<T> parser = TypedParsers.parser(id, key, name, type);
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
        String key = HeaderNames.key(name);
        return allTyped(HeaderNames.id(key), key, name, type);
    }

    /** The typed lookup behind {@link #all(String, Class)} for callers that hold the key and its id. */
    <T> List<T> allTyped(int id, String key, String name, Class<T> type) {
        int i = id >= 0 ? indexOfId(id, 0) : indexOfOther(key, 0);
        if (i < 0) {
            return List.of();
        }
        HeaderParser<T> parser = TypedParsers.parser(id, key, name, type);
        int next;
        if (id >= 0 && id < Long.SIZE && !repeats) {
            next = -1;
        } else {
            next = id >= 0 ? indexOfId(id, i + 1) : indexOfOther(key, i + 1);
        }
        if (next < 0) {
            Object v = typed(i, parser);
            return parser.listValued() ? castList(v, type) : List.of(type.cast(v));
        }
        List<T> out = new ArrayList<>();
        for (; i >= 0; i = id >= 0 ? indexOfId(id, i + 1) : indexOfOther(key, i + 1)) {
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

    private Object typed(int i, HeaderParser<?> parser) {
        Object[] c = cache();
        Object v = c[i * 2 + 1];
        if (v == null) {
            try {
                int[] f = fields;
                if (source != null && (f[i * STRIDE] & SLOW) == 0) {
                    int start = f[i * STRIDE + VALUE_START];
                    int len = f[i * STRIDE + VALUE_END] - start;
                    v = parser.listValued() ? parser.parseList(source, start, len) : parser.parse(source, start, len);
                } else {
                    String text = value(i);
                    v = parser.listValued() ? parser.parseList(text) : parser.parse(text);
                }
            } catch (SipParseException e) {
                throw source == null ? e : e.shift(fields[i * STRIDE + VALUE_START]);
            }
            c[i * 2 + 1] = v;
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
            sb.append(name(i)).append(": ").append(value(i)).append("\r\n");
        }
        return sb.toString();
    }
}
