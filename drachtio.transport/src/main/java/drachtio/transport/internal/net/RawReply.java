package drachtio.transport.internal.net;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 503 for a request turned away under overload, made from the request's raw lines without
 * parsing it: the Via, From, To, Call-ID and CSeq lines are copied as they came (with their
 * continuation lines), a tag is added to To, and Retry-After is set (RFC 3261 8.2.6, 21.5.4).
 * Overload is exactly when a full parse is too dear: this costs one scan of the header lines.
 * Where it goes is the reader's choice ({@code Inbound.shed}): the datagram's source address, at
 * the port its top Via asks for.
 */
final class RawReply {
    private static final byte[] STATUS = "SIP/2.0 503 Service Unavailable\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] TAG = ";tag=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY_AFTER = "Retry-After: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VIA = 1;
    private static final int FROM = 2;
    private static final int TO = 4;
    private static final int CALL_ID = 8;
    private static final int CSEQ = 16;
    private static final int ALL = VIA | FROM | TO | CALL_ID | CSEQ;

    private RawReply() {
    }

    /**
     * @param b a request's octets
     * @param n how many
     * @param retryAfterSeconds the Retry-After value
     * @return the 503's octets, or {@code null} when a Via, From, To, Call-ID or CSeq line is
     *     missing, when the octets are a response or an ACK, which are never answered
     *     (RFC 3261 17.1.1.3, 17.2.1), or a CANCEL: a 503 would end the CANCEL's transaction
     *     and leave its INVITE ringing, while unanswered it comes again after T1, when there
     *     may be room
     */
    static byte[] busy(byte[] b, int n, int retryAfterSeconds) {
        int first = RawPeek.start(b, n);
        if (RawPeek.startsWith(b, first, n, "SIP/") || RawPeek.startsWith(b, first, n, "ACK ")
                || RawPeek.startsWith(b, first, n, "CANCEL ")) {
            return null;
        }
        // the copied lines are the request's own, each at most one octet longer (a bare LF
        // becomes CRLF; a line is at least 4 octets); the rest is the status line, a To tag,
        // Retry-After and Content-Length
        Out out = new Out(new byte[n + n / 4 + 128]);
        out.writeBytes(STATUS);
        int seen = 0;
        int p = RawPeek.next(b, first, n);
        while (p < n && b[p] != '\r' && b[p] != '\n') {
            int end = RawPeek.next(b, p, n);
            while (end < n && (b[end] == ' ' || b[end] == '\t')) {
                end = RawPeek.next(b, end, n);
            }
            int stop = trimNewline(b, p, end);
            int colon = RawPeek.nameEnd(b, p, stop);
            int kind = colon < 0 ? 0 : kind(b, p, RawPeek.trimEnd(b, p, colon) - p);
            if (kind != 0) {
                seen |= kind;
                out.write(b, p, stop - p);
                if (kind == TO && !RawPeek.hasTag(b, colon + 1, stop)) {
                    out.writeBytes(TAG);
                    out.writeHex(ThreadLocalRandom.current().nextLong());
                }
                out.writeBytes(CRLF);
            }
            p = end;
        }
        if (seen != ALL) {
            return null;
        }
        out.writeBytes(RETRY_AFTER);
        out.writeDecimal(retryAfterSeconds);
        out.writeBytes(END);
        return out.toByteArray();
    }

    /** The reply's octets: an array sized once, no locks, no growth. */
    private static final class Out {
        private final byte[] a;
        private int size;

        Out(byte[] a) {
            this.a = a;
        }

        void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, a, size, len);
            size += len;
        }

        void writeBytes(byte[] b) {
            write(b, 0, b.length);
        }

        /** Lower-case hex of the value, without leading zeros (at least one digit). */
        void writeHex(long v) {
            int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                a[size++] = (byte) Character.forDigit((int) (v >>> shift) & 0xf, 16);
            }
        }

        void writeDecimal(int v) {
            writeBytes(Integer.toString(v).getBytes(StandardCharsets.US_ASCII));
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    /** @return which of the copied headers the name at p (len octets) is, 0 for none */
    private static int kind(byte[] b, int p, int len) {
        if (RawPeek.nameIs(b, p, len, "via") || RawPeek.nameIs(b, p, len, "v")) {
            return VIA;
        }
        if (RawPeek.nameIs(b, p, len, "from") || RawPeek.nameIs(b, p, len, "f")) {
            return FROM;
        }
        if (RawPeek.nameIs(b, p, len, "to") || RawPeek.nameIs(b, p, len, "t")) {
            return TO;
        }
        if (RawPeek.nameIs(b, p, len, "call-id") || RawPeek.nameIs(b, p, len, "i")) {
            return CALL_ID;
        }
        return RawPeek.nameIs(b, p, len, "cseq") ? CSEQ : 0;
    }

    /** @return end without the line break(s) that close the header */
    private static int trimNewline(byte[] b, int p, int end) {
        while (end > p && (b[end - 1] == '\r' || b[end - 1] == '\n')) {
            end--;
        }
        return end;
    }
}
