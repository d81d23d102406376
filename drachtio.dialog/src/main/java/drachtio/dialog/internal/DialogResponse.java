package drachtio.dialog.internal;

import drachtio.api.Dialog;
import drachtio.api.Parts;
import drachtio.api.Response;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The responses to a request inside a dialog: the App's own {@link Response}, plus our Contact
 * on a 2xx to a re-INVITE or UPDATE (RFC 3261 12.1.1), the local SDP kept, and the ACK of a
 * re-INVITE's 2xx awaited.
 */
final class DialogResponse implements Response {
    private final SipDialog dialog;
    private final SipRequest request;
    private final Response inner;

    DialogResponse(SipDialog dialog, SipRequest request, Response inner) {
        this.dialog = dialog;
        this.request = request;
        this.inner = inner;
    }

    @Override
    public void send(int status, String reason, Parts parts) {
        boolean refresh = request.is(Method.INVITE) || request.is(Method.UPDATE);
        Parts sent = parts;
        if (refresh && status >= 200 && status < 300 && dialog.localContact() != null
                && !InDialogRequests.has(parts, "Contact")) {
            sent = parts.with("Contact", dialog.localContact());
        }
        boolean ok = status >= 200 && status < 300;
        boolean ackDue = ok && request.is(Method.INVITE);
        if (ackDue) {
            dialog.expectAck(request.cseq().sequence(), null);
        }
        try {
            inner.send(status, reason, sent);
        } catch (RuntimeException e) {
            if (ackDue) {
                // the 2xx did not go (the request was answered already, say 487 to a CANCEL or a BYE)
                dialog.noAckDue(request.cseq().sequence());
            }
            throw e;
        }
        if (ok && InDialogRequests.hasSdp(parts)) {
            dialog.localSdp(new String(parts.body(), StandardCharsets.UTF_8));
        }
        if (ok && refresh) {
            // a target refresh takes effect when it succeeds (RFC 3261 12.2.2, RFC 3311 5.1,
            // RFC 6141 5): a refused re-INVITE or UPDATE leaves the target as it was
            request.contacts().stream().findFirst().flatMap(c -> c.uri()).ifPresent(dialog::remoteTarget);
        }
    }

    /** For a re-INVITE: sends the 2xx and returns the dialog it belongs to (no new dialog). */
    @Override
    public Dialog answer(int status, Parts parts) {
        if (!request.is(Method.INVITE)) {
            throw new IllegalStateException("answer() is for INVITE; use send for " + request.method());
        }
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("answer() needs a 2xx status: " + status);
        }
        send(status, null, parts);
        return dialog;
    }

    @Override
    public boolean finalSent() {
        return inner.finalSent();
    }

    @Override
    public int status() {
        return inner.status();
    }

    @Override
    public Optional<SipResponse> finalResponse() {
        return inner.finalResponse();
    }
}
