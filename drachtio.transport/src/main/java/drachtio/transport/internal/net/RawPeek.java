package drachtio.transport.internal.net;

/**
 * What a UDP reader learns from a datagram's octets without parsing it, in one pass over the
 * header lines: a hash of the Call-ID, to keep each call's messages on one worker and so in
 * order, and whether the datagram starts something new (a request other than ACK or CANCEL
 * whose To has no tag and that answers no challenge), the kind of message turned away first
 * under overload. Messages that finish work (responses, ACK, CANCEL, requests inside dialogs,
 * requests carrying credentials after a 401 or 407) go first: turning those away wastes the
 * work already done for them and keeps calls and their retransmissions alive longer, which is
 * how SIP servers collapse.
 *
 * <p>Garbage is fine here: it yields hash 0 and "new", and the worker's parser rejects it.
 * Folded header lines are not followed; the worst a folded Call-ID or To costs is a message
 * on another worker or in the other class.
 */
final class RawPeek {
    private final int callIdHash;
    private final boolean startsSomething;

    private RawPeek(int callIdHash, boolean startsSomething) {
        this.callIdHash = callIdHash;
        this.startsSomething = startsSomething;
    }

    /** @return a hash of the Call-ID value without surrounding blanks, 0 when there is none */
    int callIdHash() {
        return callIdHash;
    }

    /** @return whether this is a request outside any dialog, other than ACK and CANCEL, without credentials */
    boolean startsSomething() {
        return startsSomething;
    }

    /**
     * @param b the datagram
     * @param n its length
     * @return what the header lines say
     */
    static RawPeek of(byte[] b, int n) {
        int p = start(b, n);
        boolean request = !startsWith(b, p, n, "SIP/") && !startsWith(b, p, n, "ACK ")
                && !startsWith(b, p, n, "CANCEL ");
        int hash = 0;
        boolean toTag = false;
        boolean credentials = false;
        int line = next(b, p, n);
        while (line < n && b[line] != '\r' && b[line] != '\n') {
            int eol = lineEnd(b, line, n);
            int colon = nameEnd(b, line, eol);
            if (colon > 0) {
                int nameLen = trimEnd(b, line, colon) - line;
                if (nameIs(b, line, nameLen, "call-id") || nameIs(b, line, nameLen, "i")) {
                    hash = hash(b, colon + 1, eol);
                } else if (nameIs(b, line, nameLen, "to") || nameIs(b, line, nameLen, "t")) {
                    toTag = hasTag(b, colon + 1, eol);
                } else if (nameIs(b, line, nameLen, "authorization")
                        || nameIs(b, line, nameLen, "proxy-authorization")) {
                    credentials = true;
                }
            }
            line = next(b, eol, n);
        }
        return new RawPeek(hash, request && !toTag && !credentials);
    }

    /**
     * @param b the datagram
     * @param n its length
     * @return the value of the first Via header line as {@code {start, end}} (blanks trimmed),
     *     or null when there is none
     */
    static int[] topVia(byte[] b, int n) {
        int line = next(b, start(b, n), n);
        while (line < n && b[line] != '\r' && b[line] != '\n') {
            int eol = lineEnd(b, line, n);
            int colon = nameEnd(b, line, eol);
            if (colon > 0) {
                int nameLen = trimEnd(b, line, colon) - line;
                if (nameIs(b, line, nameLen, "via") || nameIs(b, line, nameLen, "v")) {
                    int from = skipBlanks(b, colon + 1, eol);
                    return new int[] {from, trimEnd(b, from, eol)};
                }
            }
            line = next(b, eol, n);
        }
        return null;
    }

    /** @return where the start line begins, past any leading CRLFs */
    static int start(byte[] b, int n) {
        int p = 0;
        while (p < n && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }

    static boolean startsWith(byte[] b, int p, int n, String prefix) {
        if (n - p < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the index of the CR or LF ending the line at p, or n */
    private static int lineEnd(byte[] b, int p, int n) {
        while (p < n && b[p] != '\r' && b[p] != '\n') {
            p++;
        }
        return p;
    }

    /** @return the start of the line after the line end at p */
    static int next(byte[] b, int p, int n) {
        p = lineEnd(b, p, n);
        if (p < n && b[p] == '\r') {
            p++;
        }
        if (p < n && b[p] == '\n') {
            p++;
        }
        return p;
    }

    /** @return the index of the colon ending a header name on the line, or -1 */
    static int nameEnd(byte[] b, int p, int eol) {
        for (int i = p; i < eol; i++) {
            if (b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    /** @return whether the name at p equals the lower-case name, ignoring ASCII case */
    static boolean nameIs(byte[] b, int p, int len, String lower) {
        if (len != lower.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((b[p + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        to = trimEnd(b, from, to);
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /** @return whether the To value has a {@code tag} parameter: {@code ;} then {@code tag} then {@code =}, blanks allowed */
    static boolean hasTag(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ';') {
                continue;
            }
            int q = skipBlanks(b, i + 1, to);
            if (q + 3 <= to && (b[q] | 0x20) == 't' && (b[q + 1] | 0x20) == 'a' && (b[q + 2] | 0x20) == 'g') {
                int e = skipBlanks(b, q + 3, to);
                if (e < to && b[e] == '=') {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipBlanks(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }
}
