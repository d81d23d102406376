package drachtio.benchmarks;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Contact;
import drachtio.api.header.Credentials;
import drachtio.api.header.Via;
import drachtio.api.message.Headers;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The work each benchmark measures, written once so the smoke test runs exactly what JMH
 * times. Every value read goes into the {@link Sink}; optional values are unwrapped first so
 * the sink does not keep an {@code Optional} alive that escape analysis would have removed.
 */
public final class Workloads {
    private static final SipParser PARSER = SipParser.create();

    /** Keys of the headers {@link #drachtioFull} reads typed; the others it reads as text. */
    private static final Set<String> TYPED = Set.of("via", "from", "to", "call-id", "cseq", "contact", "route",
            "record-route", "max-forwards", "content-length", "content-type", "expires", "authorization");

    private Workloads() {
    }

    /**
     * What a stateless proxy needs: the message framed, then the top Via branch, both tags,
     * Call-ID and CSeq.
     *
     * @param bytes one datagram
     * @param sink receives the values
     */
    public static void drachtioProxy(byte[] bytes, Sink sink) {
        SipMessage msg = PARSER.parseDatagram(bytes);
        sink.consume(msg.topVia().branch().orElse(null));
        sink.consume(msg.from().tag().orElse(null));
        sink.consume(msg.to().tag().orElse(null));
        sink.consume(msg.callId());
        CSeq cseq = msg.cseq();
        sink.consume(cseq.sequence());
        sink.consume(cseq.method());
    }

    /**
     * Everything typed that the parser can type, every other header as text, and the body
     * size: the same information JAIN-SIP's eager parse produces.
     *
     * @param bytes one datagram
     * @param sink receives the values
     */
    public static void drachtioFull(byte[] bytes, Sink sink) {
        SipMessage msg = PARSER.parseDatagram(bytes);
        switch (msg) {
            case SipRequest r -> {
                sink.consume(r.method());
                sink.consume(r.uri());
            }
            case SipResponse r -> {
                sink.consume(r.status());
                sink.consume(r.reason());
            }
        }
        List<Via> vias = msg.vias();
        for (int i = 0; i < vias.size(); i++) {
            sink.consume(vias.get(i));
        }
        sink.consume(vias.getFirst().branch().orElse(null));
        Address from = msg.from();
        sink.consume(from);
        sink.consume(from.tag().orElse(null));
        Address to = msg.to();
        sink.consume(to);
        sink.consume(to.tag().orElse(null));
        sink.consume(msg.callId());
        CSeq cseq = msg.cseq();
        sink.consume(cseq.sequence());
        sink.consume(cseq.method());
        List<Contact> contacts = msg.contacts();
        for (int i = 0; i < contacts.size(); i++) {
            sink.consume(contacts.get(i));
        }
        consumeAll(msg.routes(), sink);
        consumeAll(msg.recordRoutes(), sink);
        sink.consume(msg.maxForwards().orElse(-1));
        sink.consume(msg.contentLength().orElse(-1));
        sink.consume(msg.contentType().orElse(null));
        sink.consume(msg.expires().orElse(-1));
        sink.consume(msg.header("Authorization", Credentials.class).orElse(null));
        Headers headers = msg.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (!TYPED.contains(headers.key(i))) {
                sink.consume(headers.value(i));
            }
        }
        sink.consume(msg.bodyLength());
    }

    private static void consumeAll(List<Address> addresses, Sink sink) {
        for (int i = 0; i < addresses.size(); i++) {
            sink.consume(addresses.get(i));
        }
    }

    /**
     * JAIN-SIP's parse, which types every header up front, then the same values read back.
     *
     * @param bytes one datagram
     * @param sink receives the values
     * @throws ParseException when JAIN-SIP rejects the message
     */
    public static void jainSip(byte[] bytes, Sink sink) throws ParseException {
        SIPMessage msg = new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        if (msg instanceof SIPRequest r) {
            sink.consume(r.getMethod());
            sink.consume(r.getRequestURI());
        } else {
            SIPResponse r = (SIPResponse) msg;
            sink.consume(r.getStatusCode());
            sink.consume(r.getReasonPhrase());
        }
        for (var via : msg.getViaHeaders()) {
            sink.consume(via);
        }
        sink.consume(msg.getTopmostVia().getBranch());
        sink.consume(msg.getFrom());
        sink.consume(msg.getFrom().getTag());
        sink.consume(msg.getTo());
        sink.consume(msg.getTo().getTag());
        sink.consume(msg.getCallId().getCallId());
        sink.consume(msg.getCSeq().getSeqNumber());
        sink.consume(msg.getCSeq().getMethod());
        consumeAll(msg.getHeaders("Contact"), sink);
        consumeAll(msg.getHeaders("Route"), sink);
        consumeAll(msg.getHeaders("Record-Route"), sink);
        sink.consume(msg.getHeader("Max-Forwards"));
        sink.consume(msg.getContentLength() == null ? -1 : msg.getContentLength().getContentLength());
        sink.consume(msg.getContentTypeHeader());
        sink.consume(msg.getExpires() == null ? -1 : msg.getExpires().getExpires());
        sink.consume(msg.getHeader("Authorization"));
        consumeAll(msg.getHeaders(), sink);
        byte[] body = msg.getRawContent();
        sink.consume(body == null ? 0 : body.length);
    }

    private static void consumeAll(Iterator<SIPHeader> headers, Sink sink) {
        while (headers.hasNext()) {
            sink.consume(headers.next());
        }
    }
}
