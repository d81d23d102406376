package drachtio.parser.internal;

import drachtio.api.header.BodyPart;
import drachtio.api.header.ContentType;
import drachtio.api.header.Header;
import drachtio.api.header.MultipartBody;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Splits a multipart body (RFC 2046 5.1) with the boundary of the message's Content-Type.
 *
 * <p>The CRLF before each delimiter belongs to the delimiter, not to the part before it; the
 * preamble and epilogue are ignored; a bare LF is accepted where CRLF is expected. Each part's
 * headers are {@code name: value} lines (folded lines unfolded) up to an empty line; a part
 * without headers starts with that empty line. Error offsets count from the start of the body.
 */
public final class MultipartGrammar {
    private MultipartGrammar() {
    }

    /**
     * @param m a message with a {@code multipart/*} Content-Type carrying a boundary
     * @return the body split into parts
     * @throws SipParseException when the type is not multipart, has no boundary, or the body
     *     does not follow it
     */
    public static MultipartBody parse(SipMessage m) {
        Optional<ContentType> type = m.contentType();
        if (type.isEmpty() || !type.get().multipart()) {
            throw new SipParseException("body is not multipart", -1);
        }
        Optional<String> boundary = type.get().boundary();
        if (boundary.isEmpty() || boundary.get().isEmpty() || boundary.get().length() > 200) {
            throw new SipParseException("multipart Content-Type without a usable boundary", -1);
        }
        return split(m.body(), boundary.get());
    }

    /**
     * @param body the body octets
     * @param boundary the boundary, without the leading dashes
     * @return the parts
     */
    static MultipartBody split(byte[] body, String boundary) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        int at = delimiter(body, dash, 0, true);
        if (at < 0) {
            throw new SipParseException("multipart boundary not found", 0);
        }
        List<BodyPart> parts = new ArrayList<>(2);
        int p = at + dash.length;
        while (true) {
            if (p + 1 < body.length && body[p] == '-' && body[p + 1] == '-') {
                return new MultipartBody(boundary, parts); // close-delimiter; epilogue ignored
            }
            p = lineEnd(body, p); // transport padding, then CRLF
            int next = delimiter(body, dash, p, false);
            if (next < 0) {
                throw new SipParseException("multipart body without closing boundary", p);
            }
            int partEnd = next;
            if (partEnd > p && body[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > p && body[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            parts.add(part(body, p, partEnd));
            p = next + dash.length;
        }
    }

    /**
     * Finds {@code --boundary} at the start of a line at or after {@code from}.
     *
     * @param atStart whether the very first position counts as a line start
     * @return its index, or -1
     */
    private static int delimiter(byte[] b, byte[] dash, int from, boolean atStart) {
        int last = b.length - dash.length;
        for (int i = from; i <= last; i++) {
            boolean lineStart = i == 0 ? atStart : b[i - 1] == '\n';
            if (lineStart && Arrays.equals(b, i, i + dash.length, dash, 0, dash.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Skips transport padding (SP/HTAB) and the line end after a delimiter. */
    private static int lineEnd(byte[] b, int p) {
        while (p < b.length && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p < b.length && b[p] == '\r') {
            p++;
        }
        if (p < b.length && b[p] == '\n') {
            return p + 1;
        }
        throw new SipParseException("line end expected after multipart boundary", p);
    }

    private static BodyPart part(byte[] b, int start, int end) {
        List<Header> headers = new ArrayList<>(2);
        int p = start;
        String name = null;
        StringBuilder value = null;
        while (true) {
            if (p >= end) {
                // headers only, no empty line: tolerated as a part without content
                flush(headers, name, value);
                return new BodyPart(headers, new byte[0]);
            }
            int eol = p;
            while (eol < end && b[eol] != '\n') {
                eol++;
            }
            int lineEnd = eol > p && b[eol - 1] == '\r' ? eol - 1 : eol;
            int next = eol < end ? eol + 1 : end;
            if (lineEnd == p) {
                flush(headers, name, value);
                return new BodyPart(headers, Arrays.copyOfRange(b, next, end));
            }
            if (b[p] == ' ' || b[p] == '\t') {
                if (name == null) {
                    throw new SipParseException("multipart part header continues nothing", p);
                }
                value.append(' ').append(new String(b, p, lineEnd - p, StandardCharsets.UTF_8).strip());
            } else {
                flush(headers, name, value);
                int colon = p;
                while (colon < lineEnd && Chars.isToken(b[colon])) {
                    colon++;
                }
                int nameEnd = colon;
                while (colon < lineEnd && (b[colon] == ' ' || b[colon] == '\t')) {
                    colon++;
                }
                if (nameEnd == p || colon >= lineEnd || b[colon] != ':') {
                    throw new SipParseException("malformed multipart part header", p);
                }
                name = new String(b, p, nameEnd - p, StandardCharsets.US_ASCII);
                value = new StringBuilder(new String(b, colon + 1, lineEnd - colon - 1, StandardCharsets.UTF_8).strip());
            }
            p = next;
        }
    }

    private static void flush(List<Header> headers, String name, StringBuilder value) {
        if (name != null) {
            headers.add(new Header(name, value.toString()));
        }
    }
}
