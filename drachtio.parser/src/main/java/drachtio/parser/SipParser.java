package drachtio.parser;

import drachtio.api.message.SipMessage;
import drachtio.parser.internal.MessageScanner;
import java.util.Objects;

/**
 * Turns octets into {@link SipMessage}s: one message per datagram, or a {@link StreamFramer}
 * per TCP connection. A parser holds only its limits, so one instance serves many threads.
 *
 * <p>Framing finds the start line, the header fields and the body; header values are
 * decoded and typed only when first asked for. Errors are
 * {@link drachtio.api.message.SipParseException}s with the offset and the status a server
 * should answer with; run {@link SipValidator} afterwards for the RFC 3261 rules above syntax.
 */
public final class SipParser {
    private static final SipParser DEFAULT = new SipParser(ParserLimits.defaults());

    private final ParserLimits limits;

    private SipParser(ParserLimits limits) {
        this.limits = limits;
    }

    /** @return a parser with {@link ParserLimits#defaults()} */
    public static SipParser create() {
        return DEFAULT;
    }

    /**
     * @param limits the limits
     * @return a parser enforcing them
     */
    public static SipParser create(ParserLimits limits) {
        return new SipParser(Objects.requireNonNull(limits, "limits"));
    }

    /** @return the limits this parser enforces */
    public ParserLimits limits() {
        return limits;
    }

    /**
     * Parses one datagram (RFC 3261 18.3): leading CRLFs are skipped, the body is
     * Content-Length octets and any octets after it are ignored; without Content-Length the
     * body is the rest of the datagram.
     *
     * @param datagram the octets; copied, so the caller may reuse the array
     * @param offset where the datagram starts
     * @param length its length
     * @return the message
     * @throws drachtio.api.message.SipParseException when it is not a well-framed SIP message
     */
    public SipMessage parseDatagram(byte[] datagram, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, datagram.length);
        return new MessageScanner(limits).datagram(datagram, offset, length);
    }

    /**
     * Parses one datagram like {@link #parseDatagram(byte[], int, int)} but takes the array
     * over instead of copying it, for callers that fill a new array per datagram anyway (or
     * build one, as when rewriting a message): the message keeps the array, so the caller must
     * not change it afterwards. A datagram that does not start at index 0 (an offset, or
     * leading CRLFs) is still copied, because a message's offsets count from its first octet.
     *
     * @param datagram the octets, handed over
     * @param length how many of them, from index 0, are the datagram
     * @return the message
     * @throws drachtio.api.message.SipParseException when it is not a well-framed SIP message
     */
    public SipMessage parseOwnedDatagram(byte[] datagram, int length) {
        Objects.checkFromIndexSize(0, length, datagram.length);
        return new MessageScanner(limits).datagram(datagram, 0, length, false);
    }

    /**
     * @param datagram the whole datagram; copied
     * @return the message
     * @throws drachtio.api.message.SipParseException when it is not a well-framed SIP message
     */
    public SipMessage parseDatagram(byte[] datagram) {
        return parseDatagram(datagram, 0, datagram.length);
    }

    /** @return a framer for one stream (one TCP connection) */
    public StreamFramer newStream() {
        return new StreamFramer(limits);
    }
}
