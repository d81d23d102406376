package drachtio.transport.internal.net;

import drachtio.api.header.Via;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.SipResponse;
import drachtio.parser.Grammars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads what it can from a request that failed to parse or validate, to answer it with an
 * error response (RFC 3261 18.2.1 allows dropping, but a 400 helps the sender): the request
 * line must name a method other than ACK and end with a {@code SIP/} version, and the top Via must
 * parse. Via, From, To, Call-ID and CSeq lines are copied when their text is printable ASCII;
 * broken lines are skipped. A tag is added to To when it has none (RFC 3261 8.2.6.2).
 */
final class Salvage {
    private static final int MAX_REASON = 120;

    private Salvage() {
    }

    /**
     * What was read.
     *
     * @param topVia the parsed top Via, for routing the response
     * @param response the error response
     */
    record ErrorReply(Via topVia, SipResponse response) {
    }

    /**
     * @param b octets of a request
     * @param off where it starts
     * @param len how many octets are available
     * @param status the status to answer with
     * @param reason the reason phrase to use; unsafe characters are dropped
     * @return the response, or empty when the request line or top Via cannot be read, or the
     *     octets are a response or an ACK
     */
    static Optional<ErrorReply> reply(byte[] b, int off, int len, int status, String reason) {
        int end = off + len;
        int p = off;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        int eol = lineEnd(b, p, end);
        if (eol >= end || !requestLine(b, p, eol)) {
            return Optional.empty();
        }
        List<String[]> fields = new ArrayList<>();
        p = next(b, eol, end);
        while (p < end && b[p] != '\r' && b[p] != '\n') {
            int lineStop = lineEnd(b, p, end);
            int stop = lineStop;
            while (true) {
                int after = next(b, stop, end);
                if (after < end && (b[after] == ' ' || b[after] == '\t')) {
                    stop = lineEnd(b, after, end);
                } else {
                    field(b, p, stop, fields);
                    p = after;
                    break;
                }
            }
        }
        return build(fields, status, reason);
    }

    private static Optional<ErrorReply> build(List<String[]> fields, int status, String reason) {
        Via top = null;
        SipResponse.Builder rb = SipResponse.builder(status);
        String phrase = safe(reason);
        if (!phrase.isEmpty()) {
            rb.reason(phrase);
        }
        boolean[] seen = new boolean[4];
        for (String[] f : fields) {
            String key = f[0];
            if (key.equals("via")) {
                if (top == null) {
                    Optional<List<Via>> vias = Grammars.VIAS.tryParse(f[1]);
                    if (vias.isEmpty() || vias.get().isEmpty()) {
                        return Optional.empty();
                    }
                    top = vias.get().getFirst();
                }
                rb.header("Via", f[1]);
                continue;
            }
            int slot = switch (key) {
                case "from" -> 0;
                case "to" -> 1;
                case "call-id" -> 2;
                case "cseq" -> 3;
                default -> -1;
            };
            if (slot < 0 || seen[slot]) {
                continue;
            }
            seen[slot] = true;
            String value = slot == 1 && !hasTag(f[1]) ? f[1] + ";tag=" + tag() : f[1];
            rb.header(HeaderNames.canonical(key), value);
            if (slot == 3 && cseqIsAck(f[1])) {
                return Optional.empty();
            }
        }
        return top == null ? Optional.empty() : Optional.of(new ErrorReply(top, rb.build()));
    }

    private static void field(byte[] b, int from, int to, List<String[]> out) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= from) {
            return;
        }
        String name = ascii(b, from, colon).strip();
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
            return;
        }
        StringBuilder v = new StringBuilder(to - colon);
        for (int i = colon + 1; i < to; i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (c < 0x20 && c != '\t' || c >= 0x7f) {
                return;
            }
            v.append((char) c);
        }
        String value = v.toString().strip();
        if (!value.isEmpty()) {
            out.add(new String[] {HeaderNames.key(name), value});
        }
    }

    /** @return whether the line is {@code token SP text SP SIP/x.y}, the method not ACK */
    private static boolean requestLine(byte[] b, int from, int to) {
        int sp = from;
        while (sp < to && b[sp] != ' ') {
            byte c = b[sp];
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
            sp++;
        }
        if (sp == from || sp >= to || (sp - from == 3 && b[from] == 'A' && b[from + 1] == 'C' && b[from + 2] == 'K')) {
            return false;
        }
        if (sp - from >= 4 && ascii(b, from, from + 4).equalsIgnoreCase("SIP/")) {
            return false;
        }
        int end = to;
        while (end > sp && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        // any SIP/x.y version: a 505 answers the unsupported ones
        int last = end;
        while (last > sp && b[last - 1] != ' ') {
            last--;
        }
        return last > sp + 1 && end - last > 4 && ascii(b, last, last + 4).equalsIgnoreCase("SIP/");
    }

    private static boolean cseqIsAck(String cseq) {
        String s = cseq.strip();
        return s.length() >= 3 && s.regionMatches(true, s.length() - 3, "ACK", 0, 3);
    }

    private static boolean hasTag(String to) {
        return to.toLowerCase(java.util.Locale.ROOT).contains(";tag=");
    }

    /** @return a tag for a To that has none, as the stack's own answers need */
    static String tag() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** @return the reason with only printable ASCII, bounded; empty when nothing is left */
    static String safe(String reason) {
        StringBuilder sb = new StringBuilder(Math.min(reason == null ? 0 : reason.length(), MAX_REASON));
        if (reason != null) {
            for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
                char c = reason.charAt(i);
                sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
            }
        }
        return sb.toString().strip();
    }

    private static int lineEnd(byte[] b, int from, int end) {
        int p = from;
        while (p < end && b[p] != '\r' && b[p] != '\n') {
            p++;
        }
        return p;
    }

    private static int next(byte[] b, int eol, int end) {
        if (eol < end && b[eol] == '\r') {
            eol++;
        }
        if (eol < end && b[eol] == '\n') {
            eol++;
        }
        return eol;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
