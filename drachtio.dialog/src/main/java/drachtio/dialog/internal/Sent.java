package drachtio.dialog.internal;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import java.util.concurrent.CompletableFuture;

/**
 * A request sent in its own client transaction and the final response it got.
 *
 * @param response the final response
 * @param outcome received, or why the stack made it
 */
record Sent(SipResponse response, Outcome outcome) {

    /**
     * Hands the request to the stack and returns at once.
     *
     * @param stack the stack
     * @param request the request
     * @return completes with the final response, or a local 503 when the stack could not send
     */
    static CompletableFuture<Sent> start(SipStack stack, SipRequest request) {
        CompletableFuture<Sent> done = new CompletableFuture<>();
        try {
            stack.send(request, new ResponseHandler() {
                @Override
                public void onFinal(SipResponse response, Outcome outcome) {
                    done.complete(new Sent(response, outcome));
                }
            });
        } catch (RuntimeException e) {
            done.complete(new Sent(SipResponse.replyTo(request, 503).reason("Service Unavailable").build(),
                    Outcome.TRANSPORT_ERROR));
        }
        return done;
    }

    /** @return whether the dialog is gone (RFC 3261 12.2.1.2: 481 or 408, or no way to send) */
    boolean dialogGone() {
        return response.status() == 481 || response.status() == 408 || outcome != Outcome.RECEIVED;
    }
}
