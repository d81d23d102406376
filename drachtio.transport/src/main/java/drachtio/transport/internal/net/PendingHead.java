package drachtio.transport.internal.net;

/**
 * The first octets of the message a TCP connection is receiving, kept beside the framer so a
 * message that breaks framing can still be answered with a 400 or 513 ({@link Salvage} reads
 * its request line and Via). Holds at most {@link #CAPACITY} octets; when a read carries more
 * than fits, the prefix of the next message may be lost and no answer is possible.
 */
final class PendingHead {
    /** Enough for a request line and the usual Vias. */
    static final int CAPACITY = 4096;

    private final byte[] buf = new byte[CAPACITY];
    private int length;
    /** Stream offset of {@code buf[0]}. */
    private long offset;
    /** Octets fed so far. */
    private long fed;

    /**
     * Records octets read from the stream.
     *
     * @param b the octets
     * @param off where they start
     * @param n how many
     */
    void feed(byte[] b, int off, int n) {
        if (offset + length == fed) {
            int c = Math.min(n, buf.length - length);
            System.arraycopy(b, off, buf, length, c);
            length += c;
        }
        fed += n;
    }

    /**
     * Forgets the octets of messages already framed.
     *
     * @param pendingStart the stream offset where the unframed octets begin
     */
    void consumedTo(long pendingStart) {
        if (pendingStart <= offset) {
            return;
        }
        long drop = pendingStart - offset;
        if (drop >= length) {
            length = 0;
        } else {
            System.arraycopy(buf, (int) drop, buf, 0, length - (int) drop);
            length -= (int) drop;
        }
        offset = pendingStart;
    }

    /** @return the octets fed so far */
    long fed() {
        return fed;
    }

    /** @return the buffer; valid up to {@link #length()} */
    byte[] bytes() {
        return buf;
    }

    /** @return how many octets of the pending message are held */
    int length() {
        return length;
    }
}
