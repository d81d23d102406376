package drachtio.parser.internal;

import drachtio.api.header.Uri;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Headers;
import drachtio.api.message.Method;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.ParserLimits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames one message: start line, header fields (names resolved, values located but not
 * decoded), Content-Length, body. One pass over the octets with explicit states; nothing is
 * parsed that the caller has not asked for, except the Request-URI.
 *
 * <p>Offsets in errors count from the start of the message. Not thread-safe: use one per
 * thread or per call.
 */
public final class MessageScanner {
    private static final int SLOW = 1;
    private static final int INITIAL_FIELDS = 16;
    /** The id bits of Content-Length in a field's meta word, for any spelling. */
    private static final int CONTENT_LENGTH = (HeaderNames.known().indexOf("Content-Length") + 1)
            << HeaderNameTable.ID_SHIFT;
    private static final int ID_BITS = -1 << HeaderNameTable.ID_SHIFT;
    /** Ints per field in {@link #fields}: meta, value start, value end. */
    private static final int STRIDE = 3;

    private final ParserLimits limits;

    // the head being scanned
    private int start;
    /** The method of a request; null for a response. */
    private Method method;
    private Uri uri;
    private String version;
    private int status;
    private String reason;
    private int count;
    /** Per field: meta (flags and id), value start, value end; see {@link Headers#ofScanned(byte[], int, int[])}. */
    private int[] fields;
    private long contentLength;
    private int contentLengthAt;
    private int bodyStart;

    /**
     * @param limits the limits to enforce
     */
    public MessageScanner(ParserLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses one datagram (RFC 3261 18.3): the body is Content-Length octets when the header
     * is present (octets after it are ignored), else the rest of the datagram.
     *
     * @param b the octets
     * @param off where the datagram starts
     * @param len its length
     * @return the message, over a copy of the octets
     * @throws SipParseException when it is not a well-framed SIP message
     */
    public SipMessage datagram(byte[] b, int off, int len) {
        return datagram(b, off, len, true);
    }

    /**
     * Parses one datagram like {@link #datagram(byte[], int, int)}, over the caller's array
     * itself when {@code copy} is false and the message starts at index 0 of it (offsets in a
     * message count from its first octet, so one that starts later is still copied).
     *
     * @param b the octets
     * @param off where the datagram starts
     * @param len its length
     * @param copy whether to copy the octets; when false the message may keep {@code b}
     * @return the message
     * @throws SipParseException when it is not a well-framed SIP message
     */
    public SipMessage datagram(byte[] b, int off, int len, boolean copy) {
        if (len > limits.maxMessageSize()) {
            throw new SipParseException("message larger than " + limits.maxMessageSize() + " octets", 0, 513, null);
        }
        int end = off + len;
        int p = off;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        if (p == end) {
            throw new SipParseException("empty datagram", 0);
        }
        byte[] src = b;
        int from = p;
        int limit = end;
        if (copy || p != 0) {
            src = Arrays.copyOfRange(b, p, end);
            from = 0;
            limit = src.length;
        }
        try {
            scanHead(src, from, limit);
        } catch (SipParseException e) {
            throw e.shift(p - off);
        }
        int bodyEnd;
        if (contentLength < 0) {
            bodyEnd = limit;
        } else {
            if (bodyStart + contentLength > limit) {
                throw new SipParseException("Content-Length " + contentLength + " is larger than the "
                        + (limit - bodyStart) + " octets of body received", contentLengthAt + p - off);
            }
            bodyEnd = (int) (bodyStart + contentLength);
        }
        return build(src, from, bodyEnd);
    }

    /**
     * Finds the end of the header section in a stream buffer.
     *
     * @param b octets
     * @param from where to resume looking (a previous result of -1 means look again from
     *     near the old end)
     * @param limit end of the buffered octets
     * @return the index just after the blank line, or -1
     */
    public static int headEnd(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == '\n') {
                if (i + 1 < limit && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < limit && b[i + 1] == '\r' && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /**
     * Scans a complete header section in a stream buffer (found by {@link #headEnd}).
     *
     * @param b octets
     * @param off where the message starts
     * @param headEnd just after its blank line
     * @return the body length the message declares
     * @throws SipParseException when the head is malformed or Content-Length is missing
     */
    public int streamHead(byte[] b, int off, int headEnd) {
        scanHead(b, off, headEnd);
        // positions from the message's first octet from here on: the stream's buffer may move
        // its octets before the body is all in (StreamFramer makes room), the message's start
        // with them
        for (int i = 0; i < count; i++) {
            fields[i * STRIDE + 1] -= off;
            fields[i * STRIDE + 2] -= off;
        }
        bodyStart -= off;
        if (contentLength < 0) {
            throw new SipParseException("Content-Length is required on a stream transport", 0);
        }
        if (bodyStart + contentLength > limits.maxMessageSize()) {
            throw new SipParseException("message larger than " + limits.maxMessageSize() + " octets", contentLengthAt,
                    513, null);
        }
        return (int) contentLength;
    }

    /**
     * Builds the message whose head {@link #streamHead} scanned, over a copy of its octets.
     *
     * @param b the stream buffer
     * @param off where the message starts now (the buffer may have moved it since its head was
     *     scanned)
     * @param end where its body ends
     * @return the message
     */
    public SipMessage streamMessage(byte[] b, int off, int end) {
        byte[] copy = Arrays.copyOfRange(b, off, end);
        return build(copy, 0, copy.length);
    }

    private SipMessage build(byte[] b, int from, int end) {
        Headers h = Headers.ofScanned(b, count, fields);
        SipMessage m = method != null
                ? SipRequest.ofWire(method, uri, version, h, b, from, bodyStart, end)
                : SipResponse.ofWire(status, reason, version, h, b, from, bodyStart, end);
        fields = null;
        return m;
    }

    private SipParseException error(String reason, int at) {
        return new SipParseException(reason, at - start);
    }

    private void scanHead(byte[] b, int off, int limit) {
        start = off;
        count = 0;
        // most messages carry 8 to 14 header fields
        fields = new int[INITIAL_FIELDS * STRIDE];
        contentLength = -1;
        contentLengthAt = -1;
        int p = startLine(b, off, limit);
        while (true) {
            if (p >= limit) {
                throw error("header section does not end with an empty line", p);
            }
            byte c = b[p];
            if (c == '\n') {
                bodyStart = p + 1;
                return;
            }
            if (c == '\r') {
                if (p + 1 < limit && b[p + 1] == '\n') {
                    bodyStart = p + 2;
                    return;
                }
                throw error("CR without LF", p);
            }
            p = headerField(b, p, limit);
        }
    }

    /** @return the index of the first header line */
    private int startLine(byte[] b, int off, int limit) {
        int eol = off;
        int max = Math.min(limit, off + limits.maxLineLength());
        while (true) {
            // eight octets at a time while all are printable ASCII or space
            eol = Octets.plainEnd(b, eol, max);
            if (eol >= max) {
                break;
            }
            byte c = b[eol];
            if (c == '\n' || c == '\r') {
                break;
            }
            if ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f) {
                throw error("control character in start line", eol);
            }
            eol++;
        }
        int firstSp = off;
        while (firstSp < eol && b[firstSp] != ' ') {
            firstSp++;
        }
        if (firstSp == eol) {
            firstSp = -1;
        }
        int lastSp = eol - 1;
        while (lastSp >= off && b[lastSp] != ' ') {
            lastSp--;
        }
        if (eol == max && max < limit) {
            throw new SipParseException("start line longer than " + limits.maxLineLength() + " octets", 0, 513, null);
        }
        int next = lineEnd(b, eol, limit);
        if (firstSp < 0) {
            throw error("start line has no spaces", off);
        }
        if (StartLines.startsWithSip(b, off, firstSp)) {
            response(b, off, firstSp, eol);
        } else {
            request(b, off, firstSp, lastSp, eol);
        }
        return next;
    }

    private int lineEnd(byte[] b, int eol, int limit) {
        if (eol >= limit) {
            throw error("line does not end with CRLF", eol);
        }
        if (b[eol] == '\n') {
            return eol + 1;
        }
        if (eol + 1 < limit && b[eol + 1] == '\n') {
            return eol + 2;
        }
        throw error("CR without LF", eol);
    }

    private void request(byte[] b, int off, int sp1, int sp2, int eol) {
        if (sp2 == sp1) {
            throw error("request line needs method, Request-URI and version", eol);
        }
        method = method(b, off, sp1);
        if (!StartLines.startsWithSip(b, sp2 + 1, eol)) {
            throw error("request line does not end with a SIP version", sp2 + 1);
        }
        version = StartLines.version(b, sp2 + 1, eol);
        int uriStart = sp1 + 1;
        if (uriStart == sp2) {
            throw error("empty Request-URI", uriStart);
        }
        try {
            uri = UriGrammar.uri(b, uriStart, sp2 - uriStart);
        } catch (SipParseException e) {
            throw e.shift(uriStart - start);
        }
    }

    private Method method(byte[] b, int off, int end) {
        int len = end - off;
        if (len == 0) {
            throw error("empty method", off);
        }
        Method known = StartLines.knownMethod(b, off, len);
        if (known != null) {
            return known;
        }
        for (int i = off; i < end; i++) {
            if (!Chars.isToken(b[i])) {
                throw error("method is not a token", i);
            }
        }
        return new Method(new String(b, off, len, StandardCharsets.US_ASCII));
    }

    private void response(byte[] b, int off, int sp1, int eol) {
        method = null;
        version = StartLines.version(b, off, sp1);
        int p = sp1 + 1;
        int code = 0;
        int digits = 0;
        while (p < eol && b[p] >= '0' && b[p] <= '9') {
            if (++digits > 3) {
                throw error("status code has more than three digits", sp1 + 1);
            }
            code = code * 10 + (b[p] - '0');
            p++;
        }
        if (digits != 3) {
            throw error("status code must be three digits", sp1 + 1);
        }
        if (p < eol && b[p] != ' ') {
            throw error("status code must be followed by a space", p);
        }
        status = code;
        int r = Math.min(p + 1, eol);
        reason = r == eol ? "" : new String(b, r, eol - r, StandardCharsets.UTF_8);
    }

    /** Scans one header field, folded lines included; returns the index of the next line. */
    private int headerField(byte[] b, int p, int limit) {
        int lineStart = p;
        if (b[p] == ' ' || b[p] == '\t') {
            throw error("header field starts with white space", p);
        }
        int nameEnd = Cursor.span(b, p, limit, Chars.TOKEN);
        if (nameEnd == p) {
            throw error("malformed header field name", p);
        }
        int q = nameEnd;
        while (q < limit && (b[q] == ' ' || b[q] == '\t')) {
            q++;
        }
        if (q >= limit || b[q] != ':') {
            throw error("header field name not followed by a colon", q);
        }
        q++;
        int flags = 0;
        // skip leading white space, including folds
        while (true) {
            while (q < limit && (b[q] == ' ' || b[q] == '\t')) {
                q++;
            }
            int fold = foldAt(b, q, limit);
            if (fold < 0) {
                break;
            }
            q = fold;
        }
        int valueStart = q;
        int next = -1;
        while (true) {
            // eight octets at a time while none is a control character, DEL or non-ASCII, then
            // straight to the first that is
            q = Octets.plainEnd(b, q, limit);
            if (q + 2 < limit && b[q] == '\r' && b[q + 1] == '\n' && b[q + 2] != ' ' && b[q + 2] != '\t') {
                // the usual end of a field: CRLF, not a fold
                next = q + 2;
                break;
            }
            if (q >= limit) {
                throw error("header field does not end with CRLF", q);
            }
            byte c = b[q];
            if (c >= ' ' && c != 0x7f) {
                q++;
                continue;
            }
            if (c == '\t') {
                q++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                int fold = foldAt(b, q, limit);
                if (fold < 0) {
                    break;
                }
                flags = SLOW;
                q = fold;
                continue;
            }
            if (c < 0) {
                flags = SLOW;
            } else if (b[q - 1] != '\\') {
                // a control character may only appear escaped, as a quoted-pair (RFC 3261 25.1)
                throw error("control character in header field", q);
            }
            q++;
        }
        int valueEnd = q;
        // trailing LWS, a fold that holds only white space included, is not part of the value
        while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t'
                || b[valueEnd - 1] == '\r' || b[valueEnd - 1] == '\n')) {
            valueEnd--;
        }
        if (q - lineStart > limits.maxLineLength()) {
            throw new SipParseException("header field longer than " + limits.maxLineLength() + " octets",
                    lineStart - start, 513, null);
        }
        if (next < 0) {
            next = lineEnd(b, q, limit);
        }
        addField(b, p, nameEnd, valueStart, valueEnd, flags);
        return next;
    }

    /** @return the index after a line break followed by white space (a fold), or -1 */
    private static int foldAt(byte[] b, int q, int limit) {
        int after;
        if (q < limit && b[q] == '\n') {
            after = q + 1;
        } else if (q + 1 < limit && b[q] == '\r' && b[q + 1] == '\n') {
            after = q + 2;
        } else {
            return -1;
        }
        return after < limit && (b[after] == ' ' || b[after] == '\t') ? after : -1;
    }

    private void addField(byte[] b, int nameStart, int nameEnd, int valueStart, int valueEnd, int flags) {
        if (count == limits.maxHeaders()) {
            throw new SipParseException("more than " + limits.maxHeaders() + " header fields", nameStart - start, 513,
                    null);
        }
        int at = count * STRIDE;
        if (at == fields.length) {
            // grow by whole fields: half as many again would leave a partial field from 486 ints on
            fields = Arrays.copyOf(fields, (count + (count >> 1)) * STRIDE);
        }
        int found = HeaderNameTable.find(b, nameStart, nameEnd - nameStart);
        int meta = (found >= 0 ? HeaderNameTable.meta(found) : 0) | flags;
        int[] f = fields;
        f[at] = meta;
        f[at + 1] = valueStart;
        f[at + 2] = valueEnd;
        count++;
        if ((meta & ID_BITS) == CONTENT_LENGTH) {
            contentLength(b, valueStart, valueEnd);
        }
    }

    private void contentLength(byte[] b, int from, int to) {
        long n = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                throw error("Content-Length is not a non-negative number", from);
            }
            // leading zeros are digits like any other (1*DIGIT); a value past any message size
            // stops growing here and is refused as too large by the framing
            digits++;
            n = Math.min(n * 10 + (c - '0'), 1L << 40);
        }
        if (digits == 0) {
            throw error("Content-Length is empty", from);
        }
        if (contentLength >= 0 && contentLength != n) {
            throw error("conflicting Content-Length values", from);
        }
        contentLength = n;
        contentLengthAt = from - start;
    }
}
