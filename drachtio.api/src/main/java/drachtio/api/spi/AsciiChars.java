package drachtio.api.spi;

import java.nio.charset.StandardCharsets;

/**
 * A view of octets as ISO-8859-1 characters, so that ASCII header values and URIs parse
 * without first becoming a {@code String}. For parser implementations; the octets must not
 * change while the view is in use.
 */
public final class AsciiChars implements CharSequence {
    private final byte[] bytes;
    private final int offset;
    private final int length;

    /**
     * @param bytes the octets
     * @param offset where the view starts
     * @param length how many octets it covers
     */
    public AsciiChars(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /**
     * For parsers that scan the octets directly: the array behind the view, which must not be
     * modified.
     *
     * @return the octets (the whole array, not a copy); the view starts at {@link #offset()}
     */
    public byte[] bytes() {
        return bytes;
    }

    /** @return the index in {@link #bytes()} of the view's first octet */
    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[offset + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new AsciiChars(bytes, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
