package drachtio.parser;

import drachtio.api.header.CSeq;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Headers;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 3261 rules above syntax that a received message must meet before a transaction
 * layer or application sees it (RFC 3261 8.2, 16.3, 18.3; RFC 4475 3.1.2 and 3.3):
 * SIP/2.0 (else 505), the mandatory headers present and well formed, single-value headers
 * present once, the CSeq method equal to the request method, CSeq below 2^31, Max-Forwards
 * at most 255, status 100 to 699 and Content-Length equal to the body received.
 *
 * <p>What an application decides (unknown URI schemes: 416, unknown Content-Type: 415,
 * Require: 420) is not checked here.
 */
public final class SipValidator {
    /** Headers every request and response carries (RFC 3261 8.1.1, 20). */
    private static final List<String> MANDATORY = List.of("Via", "From", "To", "Call-ID", "CSeq");
    /** Headers that may appear once only (RFC 3261 7.3.1, 20). */
    private static final List<String> SINGLE = List.of("From", "To", "Call-ID", "CSeq", "Max-Forwards",
            "Content-Length", "Content-Type", "Expires", "Min-Expires", "Subject", "Date", "Timestamp",
            "User-Agent", "Server", "Content-Disposition", "MIME-Version", "Priority", "Reply-To", "Organization",
            "Retry-After");
    /** The lookup keys of {@link #SINGLE}, made once. */
    private static final List<String> SINGLE_KEYS = SINGLE.stream().map(HeaderNames::key).toList();
    /** Headers parsed to check their syntax when present (one value each, for the single ones). */
    private static final List<String> TYPED_OPTIONAL = List.of("Max-Forwards", "Content-Length", "Content-Type",
            "Expires", "Min-Expires", "Reply-To", "Contact", "Route", "Record-Route");
    private static final long CSEQ_LIMIT = 1L << 31;

    private SipValidator() {
    }

    /**
     * @param message a parsed or built message
     * @return the first rule it breaks, if any
     */
    public static Optional<Violation> check(SipMessage message) {
        try {
            validate(message);
            return Optional.empty();
        } catch (SipParseException e) {
            return Optional.of(new Violation(e.status(), e.reason(), e.offset()));
        }
    }

    /**
     * @param message a parsed or built message
     * @throws SipParseException describing the first rule it breaks, with the status a server
     *     should answer with and the offset of the offending header when known
     */
    public static void validate(SipMessage message) {
        if (!"SIP/2.0".equalsIgnoreCase(message.version())) {
            throw new SipParseException("unsupported SIP version", -1, 505, null);
        }
        Headers h = message.headers();
        for (String name : MANDATORY) {
            if (h.indexOf(HeaderNames.key(name), 0) < 0) {
                throw new SipParseException("missing " + name + " header", -1);
            }
        }
        for (int k = 0; k < SINGLE.size(); k++) {
            String name = SINGLE.get(k);
            String key = SINGLE_KEYS.get(k);
            int first = h.indexOf(key, 0);
            if (first >= 0) {
                int second = h.indexOf(key, first + 1);
                if (second >= 0) {
                    throw new SipParseException("more than one " + name + " header", h.valueOffset(second));
                }
            }
        }
        message.vias();
        message.from();
        message.to();
        message.callId();
        CSeq cseq = message.cseq();
        if (cseq.sequence() >= CSEQ_LIMIT) {
            throw new SipParseException("CSeq number is 2^31 or more", offsetOf(h, "CSeq"));
        }
        for (String name : TYPED_OPTIONAL) {
            h.all(name, Object.class);
        }
        int maxForwards = message.maxForwards().orElse(0);
        if (maxForwards > 255) {
            throw new SipParseException("Max-Forwards above 255", offsetOf(h, "Max-Forwards"));
        }
        int declared = message.contentLength().orElse(message.bodyLength());
        if (declared != message.bodyLength()) {
            throw new SipParseException("Content-Length does not match the body", offsetOf(h, "Content-Length"));
        }
        switch (message) {
            case SipRequest r -> {
                if (!cseq.method().equals(r.method().name())) {
                    throw new SipParseException("CSeq method does not match the request method",
                            offsetOf(h, "CSeq"));
                }
            }
            case SipResponse r -> {
                if (r.status() < 100 || r.status() > 699) {
                    throw new SipParseException("status code out of range", -1);
                }
            }
        }
    }

    private static int offsetOf(Headers h, String name) {
        int i = h.indexOf(HeaderNames.key(name), 0);
        return i < 0 ? -1 : h.valueOffset(i);
    }
}
