package drachtio.middleware.internal.app;

import drachtio.api.Dialog;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.Response;
import drachtio.api.header.Address;
import drachtio.api.header.Header;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.dialog.DialogLayer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Response} handlers get: builds each response from the request (RFC 3261 8.2.6),
 * one To tag for every response but 100, and keeps "provisionals, then one final".
 */
final class ServerResponse implements Response {
    private static final Logger LOG = LoggerFactory.getLogger(ServerResponse.class);
    /** Requests that may start a dialog when sent outside one (RFC 3261 12.1, RFC 6665, RFC 3515). */
    private static final Set<Method> DIALOG_CREATING = Set.of(Method.INVITE, Method.SUBSCRIBE, Method.REFER,
            Method.NOTIFY);

    private final IncomingRequest request;
    private final Supplier<List<Listen>> listening;
    private final IncomingTransaction transaction;
    private final DialogLayer dialogs;
    private final ReentrantLock lock = new ReentrantLock();
    private String toTag;
    private volatile Dialog dialog;
    private int status;
    private SipResponse finalResponse;

    ServerResponse(IncomingRequest request, IncomingTransaction transaction) {
        this(request, transaction, null, List::of);
    }

    /**
     * @param request the request answered
     * @param transaction its server transaction
     * @param dialogs makes the dialog of an {@link #answer}, {@code null} when there is none
     * @param listening the App's listeners, for our Contact
     */
    ServerResponse(IncomingRequest request, IncomingTransaction transaction, DialogLayer dialogs,
                   Supplier<List<Listen>> listening) {
        this.request = request;
        this.transaction = transaction;
        this.dialogs = dialogs;
        this.listening = listening;
    }

    @Override
    public void send(int code, String reason, Parts parts) {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("status must be 100-699: " + code);
        }
        if (code < 300 && code >= 200 && dialogs != null && request.method().equals(Method.INVITE)
                && request.to().tag().isEmpty()) {
            // RFC 3261 12.1.1: a 2xx to an INVITE makes a dialog however it is sent (the seed's
            // res.send(200, ...)); unlike answer(), this does not wait for the ACK
            SipResponse response = buildFinal(code, reason, parts, "send");
            dialog = dialogs.answerWithoutWaiting(request.message(), response, () -> commit(response));
            return;
        }
        lock.lock();
        try {
            if (finalResponse != null) {
                throw new IllegalStateException("a final response (" + finalResponse.status()
                        + ") was already sent; cannot send " + code);
            }
            SipResponse response = build(code, reason, parts);
            if (!transaction.respond(response)) {
                throw new IllegalStateException(request.cancelled()
                        ? "the caller cancelled the request and it was answered 487; cannot send " + code
                        : "the transaction has already ended or been answered; cannot send " + code);
            }
            status = code;
            if (code >= 200) {
                finalResponse = response;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Dialog answer(int code, Parts parts) {
        if (code < 200 || code > 299) {
            throw new IllegalArgumentException("answer() needs a 2xx status: " + code);
        }
        if (!request.method().equals(Method.INVITE) || request.to().tag().isPresent()) {
            throw new IllegalStateException("answer() makes a dialog from an initial INVITE, not from "
                    + request.method() + (request.to().tag().isPresent() ? " inside a dialog" : ""));
        }
        if (dialogs == null) {
            throw new IllegalStateException("this response has no dialog layer");
        }
        if (request.cancelled()) {
            throw new IllegalStateException("the caller cancelled the INVITE before it was answered (the stack sent 487); "
                    + "cannot answer " + code + "; Call-ID " + request.callIdForLog());
        }
        // build() names our Contact, as every response that makes a dialog does
        SipResponse response = buildFinal(code, null, parts, "answer");
        Dialog made = dialogs.answer(request.message(), response, () -> commit(response));
        dialog = made;
        return made;
    }

    /**
     * Builds a final response that the dialog layer will send (through {@link #commit}).
     *
     * @param verb the caller's name, for the error
     * @throws IllegalStateException when a final response was already sent
     */
    private SipResponse buildFinal(int code, String reason, Parts parts, String verb) {
        lock.lock();
        try {
            if (finalResponse != null) {
                throw new IllegalStateException("a final response (" + finalResponse.status()
                        + ") was already sent; cannot " + verb + " " + code);
            }
            return build(code, reason, parts);
        } finally {
            lock.unlock();
        }
    }

    /** The handler that answered has returned: requests held for its dialog may go. */
    void handlerReturned() {
        Dialog made = dialog;
        if (made != null) {
            dialogs.release(made);
        }
    }

    /** Sends a response built earlier, as {@link #send} would. */
    private void commit(SipResponse response) {
        lock.lock();
        try {
            if (finalResponse != null) {
                throw new IllegalStateException("a final response (" + finalResponse.status()
                        + ") was already sent; cannot send " + response.status());
            }
            if (!transaction.respond(response)) {
                throw new IllegalStateException(request.cancelled()
                        ? "the caller cancelled the INVITE before it was answered (the stack sent 487); cannot answer "
                                + response.status()
                        : "the transaction has already ended or been answered; cannot send " + response.status());
            }
            status = response.status();
            finalResponse = response;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a default answer of the chain, logging instead of throwing when it cannot. */
    void trySend(int code, String reason, Parts parts) {
        try {
            send(code, reason, parts);
        } catch (RuntimeException e) {
            LOG.debug("could not send {}: {}; Call-ID {}", code, e.getMessage(), request.callIdForLog());
        }
    }

    private SipResponse build(int code, String reason, Parts parts) {
        SipResponse.Builder b = SipResponse.replyTo(request.message(), code);
        if (reason != null) {
            b.reason(reason);
        }
        if (code != 100) {
            tagTo(b);
        }
        if (code > 100 && code < 300 && createsDialog()) {
            if (!parts.has("Record-Route")) {
                copyRecordRoute(b);
            }
            if (!parts.has("Contact")) {
                // RFC 3261 12.1.1, RFC 6665 4.2.1.1: a response that makes a dialog, early or
                // not, names where the peer's requests in it go
                b.header("Contact", Contacts.of(listening.get(), transaction.source()));
            }
        }
        for (Header h : parts.headers()) {
            if (HeaderNames.same(h.name(), "Content-Length")) {
                continue;
            }
            b.header(h.name(), h.value());
        }
        if (parts.contentType() != null) {
            b.body(parts.contentType(), parts.body());
        }
        return b.build();
    }

    /** @return whether the request is one outside a dialog that can start one */
    private boolean createsDialog() {
        return DIALOG_CREATING.contains(request.method()) && request.to().tag().isEmpty();
    }

    /**
     * RFC 3261 12.1.1: a response that may establish a dialog carries every Record-Route value of
     * the request, in order and as written, so that the caller's route set passes the same
     * proxies as ours.
     */
    private void copyRecordRoute(SipResponse.Builder b) {
        var headers = request.message().headers();
        for (int i = 0; i < headers.size(); i++) {
            if (HeaderNames.same(headers.name(i), "Record-Route")) {
                b.header(headers.name(i), headers.value(i));
            }
        }
    }

    /** RFC 3261 8.2.6.2: a To tag on every response but 100, the same one each time. */
    private void tagTo(SipResponse.Builder b) {
        Address to = request.to();
        if (to.tag().isPresent()) {
            return;
        }
        if (toTag == null) {
            toTag = Ids.tag();
        }
        String written = request.message().headers().first("To").orElseThrow();
        b.setHeader(toHeaderName(), written + ";tag=" + toTag);
    }

    private String toHeaderName() {
        var headers = request.message().headers();
        for (int i = 0; i < headers.size(); i++) {
            if (HeaderNames.same(headers.name(i), "To")) {
                return headers.name(i);
            }
        }
        return "To";
    }

    /** @return the To tag given to responses, when one was made */
    Optional<String> toTag() {
        lock.lock();
        try {
            return Optional.ofNullable(toTag);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean finalSent() {
        lock.lock();
        try {
            return finalResponse != null || transaction.finalSent();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<SipResponse> finalResponse() {
        lock.lock();
        try {
            return Optional.ofNullable(finalResponse);
        } finally {
            lock.unlock();
        }
    }
}
