package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.header.Via;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Headers;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.parser.SipParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stamps {@code received} and {@code rport} on the top Via of a received request (RFC 3261
 * 18.2.1, RFC 3581 4). Messages are immutable, so when something must change the octets of
 * the top Via value are replaced by the stamped value and the message is parsed again; every
 * other octet stays as received.
 */
final class ViaStamp {
    private static final String VIA = HeaderNames.key("Via");

    private ViaStamp() {
    }

    /**
     * @param request a received request that passed validation
     * @param source the address it came from
     * @param parser a parser whose size limit leaves room for the added parameters
     * @return the request itself when its top Via needs nothing, else the stamped copy
     */
    static SipRequest stamp(SipRequest request, InetSocketAddress source, SipParser parser) {
        Via top = request.topVia();
        Via stamped = stamped(top, source);
        return stamped == top ? request : (SipRequest) replaceTopVia(request, stamped, parser);
    }

    /**
     * @param top a received request's top Via
     * @param source the address the request came from
     * @return {@code top} itself when it needs nothing, else a copy with {@code received} and,
     *     when {@code rport} is there without a value, {@code rport} filled in
     */
    static Via stamped(Via top, InetSocketAddress source) {
        boolean fillRport = top.hasRport() && top.rport().isEmpty();
        InetAddress from = source.getAddress();
        boolean differs = !from.equals(Addresses.literal(top.host()));
        if (!fillRport && !differs) {
            return top;
        }
        // RFC 3581 4: with rport, received is added even when it equals sent-by
        Via stamped = top.withParameter("received", Addresses.plain(from));
        if (fillRport) {
            stamped = stamped.withParameter("rport", Integer.toString(source.getPort()));
        }
        return stamped;
    }

    /**
     * @param message a parsed message
     * @param via the new top Via value
     * @param parser the parser to parse the result with
     * @return the message with its first Via value replaced
     */
    static SipMessage replaceTopVia(SipMessage message, Via via, SipParser parser) {
        Headers h = message.headers();
        int index = h.indexOf(VIA, 0);
        byte[] bytes = message.toBytes();
        int start = h.valueOffset(index);
        if (start < 0) {
            throw new IllegalArgumentException("message was not parsed from octets");
        }
        int end = firstValueEnd(bytes, start);
        byte[] value = via.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length - (end - start) + value.length];
        System.arraycopy(bytes, 0, out, 0, start);
        System.arraycopy(value, 0, out, start, value.length);
        System.arraycopy(bytes, end, out, start + value.length, bytes.length - end);
        return parser.parseOwnedDatagram(out, out.length);
    }

    /**
     * @param b message octets
     * @param from where a Via header value starts
     * @return the end of its first value: before a comma outside quotes, or at the end of the
     *     field (a line break not followed by white space), trailing white space excluded
     */
    static int firstValueEnd(byte[] b, int from) {
        boolean quoted = false;
        int p = from;
        int lastNonSpace = from;
        while (p < b.length) {
            byte c = b[p];
            if (quoted) {
                if (c == '\\' && p + 1 < b.length) {
                    p += 2;
                    lastNonSpace = p;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                break;
            } else if (c == '\r' || c == '\n') {
                int q = c == '\r' && p + 1 < b.length && b[p + 1] == '\n' ? p + 2 : p + 1;
                if (q < b.length && (b[q] == ' ' || b[q] == '\t')) {
                    p = q;
                    continue;
                }
                break;
            }
            if (c != ' ' && c != '\t') {
                lastNonSpace = p + 1;
            }
            p++;
        }
        return lastNonSpace;
    }
}
