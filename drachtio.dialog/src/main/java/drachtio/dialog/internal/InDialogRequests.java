package drachtio.dialog.internal;

import drachtio.api.Parts;
import drachtio.api.header.Address;
import drachtio.api.header.Header;
import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds requests inside a dialog as RFC 3261 12.2.1.1 says. */
final class InDialogRequests {
    /** Methods that carry our Contact: they may refresh the remote target (12.2, RFC 3311, 3515, 6665). */
    private static final Set<Method> WITH_CONTACT = Set.of(Method.INVITE, Method.UPDATE, Method.SUBSCRIBE,
            Method.NOTIFY, Method.REFER);
    /** The headers an ACK for a 2xx copies from the INVITE. */
    private static final List<String> CREDENTIALS = List.of("Authorization", "Proxy-Authorization");
    /** Headers the dialog owns; the app's value for them is ignored. */
    private static final Set<String> DIALOG_OWNED = Set.of("from", "to", "call-id", "cseq", "route", "content-length");

    private InDialogRequests() {
    }

    /**
     * @param d the dialog
     * @param method the method
     * @param cseq the CSeq number (the INVITE's for an ACK)
     * @param parts the app's extra headers and body
     * @return the request, without Via (the stack adds it)
     */
    static SipRequest build(SipDialog d, Method method, long cseq, Parts parts) {
        Uri target = d.remoteTarget();
        List<Address> routes = d.routeSet();
        Uri requestUri = target;
        List<Address> routeHeaders = routes;
        if (!routes.isEmpty() && !looseRouter(routes.getFirst())) {
            // strict routing: the first route becomes the Request-URI and the target goes last
            requestUri = routes.getFirst().uri();
            routeHeaders = new ArrayList<>(routes.subList(1, routes.size()));
            routeHeaders.add(Address.of(target));
        }
        SipRequest.Builder b = SipRequest.builder(method, requestUri);
        for (Address route : routeHeaders) {
            b.header("Route", route);
        }
        b.header("From", d.localAddress());
        b.header("To", d.remoteAddress());
        b.header("Call-ID", d.callId());
        b.header("CSeq", cseq + " " + method.name());
        boolean contactGiven = false;
        for (Header h : parts.headers()) {
            if (DIALOG_OWNED.contains(HeaderNames.key(h.name()))) {
                continue;
            }
            contactGiven |= HeaderNames.same(h.name(), "Contact");
            b.header(h.name(), h.value());
        }
        if (!contactGiven && WITH_CONTACT.contains(method) && d.localContact() != null) {
            b.header("Contact", d.localContact());
        }
        if (parts.contentType() != null) {
            b.body(parts.contentType(), parts.body());
        }
        return b.build();
    }

    /**
     * RFC 3261 13.2.2.4: the ACK for a 2xx carries the same credentials as the INVITE it answers
     * (unless the app gave its own).
     *
     * @param invite the INVITE as sent
     * @param parts the ACK's extra headers and body
     * @return the parts with the INVITE's Authorization and Proxy-Authorization values added
     */
    static Parts withCredentialsOf(SipRequest invite, Parts parts) {
        Parts out = parts;
        for (String name : CREDENTIALS) {
            if (!parts.has(name)) {
                for (String value : invite.headers().all(name)) {
                    out = out.with(name, value);
                }
            }
        }
        return out;
    }

    private static boolean looseRouter(Address route) {
        return !(route.uri() instanceof SipUri sip) || sip.lr();
    }

    /**
     * Whether one SDP can answer the other as far as the media go: an answer has as many media
     * lines ({@code m=}) as its offer (RFC 3264 6).
     *
     * @param offer an SDP
     * @param answer another
     * @return whether both have the same number of media lines
     */
    static boolean sameMedia(String offer, String answer) {
        return mediaLines(offer) == mediaLines(answer);
    }

    private static long mediaLines(String sdp) {
        return sdp.lines().filter(l -> l.startsWith("m=")).count();
    }

    /** @return whether the parts carry an SDP body */
    static boolean hasSdp(Parts parts) {
        return parts.contentType() != null && isSdp(parts.contentType());
    }

    /** @return whether a media type is SDP */
    static boolean isSdp(String contentType) {
        return contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp");
    }

    /** @return whether the parts name a header */
    static boolean has(Parts parts, String name) {
        return parts.headers().stream().anyMatch(h -> HeaderNames.same(h.name(), name));
    }
}
