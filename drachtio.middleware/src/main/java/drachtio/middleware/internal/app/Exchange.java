package drachtio.middleware.internal.app;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request sent and waited for: provisional responses to the listener, the ACK for a 2xx
 * to an INVITE (RFC 3261 13.2.2.4), a CANCEL or a local 408 when the app's timeout passes.
 */
final class Exchange implements ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final SipStack stack;
    private final SipRequest request;
    private final Consumer<SipResponse> provisional;
    private final Duration timeout;
    private final CompletableFuture<SipResponse> done = new CompletableFuture<>();
    private volatile String answeredTag;
    /** Whether a provisional response came: a CANCEL waits for one (RFC 3261 9.1). */
    private volatile boolean provisionalSeen;

    Exchange(SipStack stack, SipRequest request, Consumer<SipResponse> provisional, Duration timeout) {
        this.stack = stack;
        this.request = request;
        this.provisional = provisional;
        this.timeout = timeout;
    }

    /** Sends the request and blocks until its final response. */
    SipResponse await() {
        OutgoingTransaction txn = stack.send(request, this);
        if (timeout == null) {
            return done.join();
        }
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (request.is(Method.INVITE)) {
                LOG.debug("no answer to INVITE within {}; cancelling; Call-ID {}", timeout, callId());
                txn.cancel();
                if (!provisionalSeen) {
                    // the CANCEL waits for a provisional that may never come (9.1): the caller does
                    // not; a 2xx that comes later is acknowledged and ended
                    done.complete(SipResponse.replyTo(txn.request(), 408).reason("Request Timeout").build());
                }
                return done.join();
            }
            done.complete(SipResponse.replyTo(txn.request(), 408).reason("Request Timeout").build());
            return done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (request.is(Method.INVITE)) {
                txn.cancel();
            }
            throw new CancellationException("interrupted while waiting for the answer to " + request.method());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the exchange failed", e.getCause());
        }
    }

    @Override
    public void onProvisional(SipResponse response) {
        provisionalSeen = true;
        if (provisional == null) {
            return;
        }
        try {
            provisional.accept(response);
        } catch (RuntimeException e) {
            LOG.warn("provisional-response listener failed; Call-ID {}", callId(), e);
        }
    }

    @Override
    public void onFinal(SipResponse response, Outcome outcome) {
        if (request.is(Method.INVITE) && response.success() && outcome == Outcome.RECEIVED) {
            answeredTag = response.to().tag().orElse("");
            // not on the thread that read the 2xx: the ACK may open a TCP connection and wait for
            // it, and a reader must never wait; the answer is given once the ACK is out
            Thread.ofVirtual().name("drachtio-ack").start(() -> {
                acknowledge(response);
                if (!done.complete(response)) {
                    // the caller gave up before this 2xx (a timeout with no provisional): end the call
                    LOG.info("2xx after the INVITE was given up: BYE; Call-ID {}", callId());
                    sendBye(response);
                }
            });
            return;
        }
        done.complete(response);
    }

    @Override
    public void onAdditional2xx(SipResponse response) {
        Thread.ofVirtual().name("drachtio-fork-ack").start(() -> endFork(response));
    }

    /** RFC 3261 13.2.2.4: every 2xx is acknowledged; one of another dialog than the answer's is ended. */
    private void endFork(SipResponse response) {
        String tag = response.to().tag().orElse("");
        acknowledge(response);
        if (!tag.equals(answeredTag)) {
            // RFC 3261 13.2.2.4: a second dialog from a forked INVITE is acknowledged, then ended
            LOG.info("ending a forked 2xx dialog (To tag {}); Call-ID {}", tag, callId());
            sendBye(response);
        }
    }

    /** Ends the dialog a 2xx made with a BYE, whose answer is only logged. */
    private void sendBye(SipResponse ok) {
        stack.send(byeFor(ok), new ResponseHandler() {
            @Override
            public void onFinal(SipResponse r, Outcome o) {
                LOG.debug("BYE for a dialog nobody took answered {}; Call-ID {}", r.status(), callId());
            }
        });
    }

    private void acknowledge(SipResponse ok) {
        try {
            stack.sendAck(inDialog(Method.ACK, ok, ok.cseq().sequence()));
        } catch (RuntimeException e) {
            LOG.warn("could not send the ACK for a 2xx; Call-ID {}", callId(), e);
        }
    }

    private SipRequest byeFor(SipResponse ok) {
        return inDialog(Method.BYE, ok, ok.cseq().sequence() + 1);
    }

    /**
     * A request inside the dialog a 2xx made (RFC 3261 12.2.1.1): to the remote target, along the
     * reversed Record-Route, with the INVITE's credentials for an ACK (22.1).
     */
    private SipRequest inDialog(Method method, SipResponse ok, long cseq) {
        List<Contact> contacts = ok.contacts();
        Uri target = contacts.isEmpty() ? request.uri() : contacts.getFirst().uri().orElse(request.uri());
        SipRequest.Builder b = SipRequest.builder(method, target);
        List<Address> recordRoute = ok.recordRoutes();
        for (int i = recordRoute.size() - 1; i >= 0; i--) {
            b.header("Route", recordRoute.get(i).toString());
        }
        b.header("From", request.header("From").orElseThrow());
        b.header("To", ok.header("To").orElseThrow());
        b.header("Call-ID", request.header("Call-ID").orElseThrow());
        b.header("CSeq", cseq + " " + method.name());
        if (method.equals(Method.ACK)) {
            // 13.2.2.4: the same credentials as the INVITE, every value (one per proxy realm)
            request.headers().all("Authorization").forEach(v -> b.header("Authorization", v));
            request.headers().all("Proxy-Authorization").forEach(v -> b.header("Proxy-Authorization", v));
        }
        return b.build();
    }

    private String callId() {
        return request.header("Call-ID").orElse("?");
    }
}
