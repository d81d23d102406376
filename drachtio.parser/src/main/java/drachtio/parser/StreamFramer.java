package drachtio.parser;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.parser.internal.MessageScanner;
import java.nio.ByteBuffer;

/**
 * Frames the messages of one stream (RFC 3261 18.3): CRLFs between messages are skipped (a
 * CRLF CRLF is reported as a keep-alive, RFC 5626), each message's body is exactly its
 * Content-Length. Any split of the stream into chunks gives the same frames.
 *
 * <p>Use from one thread at a time. After a {@link SipParseException} the stream has lost
 * its framing: the framer refuses further use and the connection should be closed.
 */
public final class StreamFramer {
    private static final Frame NEED_MORE = new Frame.NeedMoreBytes();
    private static final Frame KEEP_ALIVE = new Frame.KeepAlive();

    private final ParserLimits limits;
    private final MessageScanner scanner;
    private byte[] buf = new byte[4096];
    private int start;
    private int end;
    private long consumed;
    /** Where to resume looking for the end of the head, -1 when not looking. */
    private int scanFrom = -1;
    private int headEnd = -1;
    private int bodyLength;
    private boolean broken;

    StreamFramer(ParserLimits limits) {
        this.limits = limits;
        this.scanner = new MessageScanner(limits);
    }

    /**
     * Adds octets read from the stream.
     *
     * @param chunk the octets; copied
     * @param offset where they start
     * @param length how many
     */
    public void feed(byte[] chunk, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, chunk.length);
        ensure(length);
        System.arraycopy(chunk, offset, buf, end, length);
        end += length;
    }

    /**
     * Adds the remaining octets of a buffer, advancing its position.
     *
     * @param chunk the octets
     */
    public void feed(ByteBuffer chunk) {
        int length = chunk.remaining();
        ensure(length);
        chunk.get(buf, end, length);
        end += length;
    }

    private void ensure(int more) {
        if (end + more <= buf.length) {
            return;
        }
        int live = end - start;
        if (live + more <= buf.length && start > 0) {
            compact();
            return;
        }
        int size = Math.max(buf.length * 2, live + more);
        byte[] bigger = new byte[size];
        System.arraycopy(buf, start, bigger, 0, live);
        shift(live);
        buf = bigger;
    }

    private void compact() {
        int live = end - start;
        System.arraycopy(buf, start, buf, 0, live);
        shift(live);
    }

    private void shift(int live) {
        if (scanFrom >= 0) {
            scanFrom -= start;
        }
        if (headEnd >= 0) {
            headEnd -= start;
        }
        start = 0;
        end = live;
    }

    /** @return octets buffered and not yet returned as a frame */
    public int buffered() {
        return end - start;
    }

    /**
     * @return whether the buffered octets hold the start of a message: anything but the CR and
     *     LF octets that may stand between messages or begin a keep-alive (RFC 5626 3.5.1), which
     *     a stream may leave waiting for as long as it likes
     */
    public boolean messageStarted() {
        for (int i = start; i < end; i++) {
            if (buf[i] != '\r' && buf[i] != '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the next frame: a message, a keep-alive, or {@link Frame.NeedMoreBytes}
     * @throws SipParseException when the stream breaks SIP framing; the offset counts from
     *     the start of the stream
     * @throws IllegalStateException when called again after such an error
     */
    public Frame next() {
        if (broken) {
            throw new IllegalStateException("stream framing was lost after an earlier error");
        }
        try {
            return frame();
        } catch (SipParseException e) {
            broken = true;
            throw e.shift((int) Math.min(Integer.MAX_VALUE, consumed));
        }
    }

    private Frame frame() {
        if (headEnd < 0) {
            if (scanFrom < 0) {
                Frame before = skipCrlf();
                if (before != null) {
                    return before;
                }
                scanFrom = start;
            }
            int found = MessageScanner.headEnd(buf, scanFrom, end);
            if (found < 0) {
                scanFrom = Math.max(start, end - 3);
                if (end - start > limits.maxMessageSize()) {
                    throw new SipParseException("message larger than " + limits.maxMessageSize() + " octets", 0, 513,
                            null);
                }
                return NEED_MORE;
            }
            if (found - start > limits.maxMessageSize()) {
                // the same refusal as while the head was still arriving, however the stream was split
                throw new SipParseException("message larger than " + limits.maxMessageSize() + " octets", 0, 513,
                        null);
            }
            headEnd = found;
            bodyLength = scanner.streamHead(buf, start, headEnd);
        }
        if (end - headEnd < bodyLength) {
            return NEED_MORE;
        }
        int messageEnd = headEnd + bodyLength;
        SipMessage m = scanner.streamMessage(buf, start, messageEnd);
        long at = consumed;
        headEnd = -1;
        scanFrom = -1;
        consume(messageEnd - start);
        return new Frame.Message(m, at);
    }

    /**
     * Skips CR and LF octets before a message, one at a time, reporting CRLF CRLF wherever
     * it starts: each decision looks at no more than the next four octets, and waits while
     * they could still become a keep-alive, so it does not depend on how the stream was split.
     *
     * @return a keep-alive, need-more when the buffer holds nothing else (or only the
     *     beginning of a keep-alive), or {@code null} when a message starts at {@code start}
     */
    private Frame skipCrlf() {
        while (start < end) {
            if (buf[start] != '\r' && buf[start] != '\n') {
                return null;
            }
            int ahead = Math.min(4, end - start);
            if (pingPrefix(start, start + ahead)) {
                if (ahead == 4) {
                    consume(4);
                    return KEEP_ALIVE;
                }
                return NEED_MORE;
            }
            consume(1);
        }
        return NEED_MORE;
    }

    private void consume(int n) {
        consumed += n;
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    /** @return whether the octets are CRLF CRLF or the beginning of it */
    private boolean pingPrefix(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ((i - from) % 2 == 0 ? '\r' : '\n')) {
                return false;
            }
        }
        return to - from <= 4;
    }
}
