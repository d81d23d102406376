package drachtio.middleware.internal.app;

import drachtio.api.AckTimeoutException;
import drachtio.api.Next;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipParseException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request through a snapshot of the layers, express style: ordinary layers while no
 * error is pending, error layers of a matching class while one is, then the SIP defaults.
 */
final class Chain {
    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    /**
     * The layers and the routed methods at one moment; a request keeps the snapshot it began with.
     *
     * @param layers the chain
     * @param routed the methods with a route, in the order first routed
     */
    record Snapshot(List<Layer> layers, List<Method> routed) {

        /**
         * @param method a request's method
         * @return the middleware that would run first for the method, when it can answer at
         *     once; {@code null} otherwise
         */
        AtOnce atOnce(Method method) {
            for (Layer layer : layers) {
                if (layer instanceof Layer.OnError || !layer.matches(method)) {
                    continue;
                }
                return layer instanceof Layer.Use use && use.middleware() instanceof AtOnce quick ? quick : null;
            }
            return null;
        }
    }

    private final Snapshot snapshot;
    private final IncomingRequest req;
    private final ServerResponse res;

    Chain(Snapshot snapshot, IncomingRequest req, ServerResponse res) {
        this.snapshot = snapshot;
        this.req = req;
        this.res = res;
    }

    /** Runs the whole chain and the defaults; never throws. */
    void run() {
        runFrom(0, null);
    }

    private void runFrom(int start, Throwable pending) {
        Throwable error = pending;
        List<Layer> layers = snapshot.layers();
        Method method = req.method();
        for (int i = start; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (!layer.matches(method) || !applies(layer, error)) {
                continue;
            }
            Step next = new Step(i + 1);
            try {
                invoke(layer, error, next);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                if (next.used) {
                    // the rest of the chain has already run (and answered); nothing left to try
                    LOG.error("handler failed after passing on; Call-ID {}", req.callIdForLog(), t);
                    answerIfOpen(500, "Server Internal Error");
                    return;
                }
                error = t;
                continue;
            }
            if (next.used) {
                return;
            }
            if (!res.finalSent()) {
                LOG.error("{} returned without a final response and without calling next; answering 500; "
                        + "Call-ID {}", describe(layer), req.callIdForLog());
                answerIfOpen(500, "Server Internal Error");
            }
            return;
        }
        finish(error);
    }

    private static boolean applies(Layer layer, Throwable error) {
        if (layer instanceof Layer.OnError onError) {
            return error != null && onError.type().isInstance(error);
        }
        return error == null;
    }

    private void invoke(Layer layer, Throwable error, Step next) throws Exception {
        switch (layer) {
            case Layer.Use use -> use.middleware().handle(req, res, next);
            case Layer.Route route -> route.handler().handle(req, res);
            case Layer.OnError onError -> onError.handler().handle(error, req, res, next);
        }
    }

    /** The end of the chain: what SIP expects when nobody answered, or the error nobody handled. */
    private void finish(Throwable error) {
        if (error != null) {
            if (res.finalSent()) {
                if (error instanceof AckTimeoutException lost) {
                    // the caller vanished after our 2xx and the stack ended the call: a routine
                    // outcome of the network, not a fault in the handler. One line without a stack
                    // trace: after an overload they come hundreds at once (64*T1 after the calls
                    // that lost their ACK), and a trace apiece is hundreds of lines that say nothing more
                    LOG.info("call ended: {}", lost.getMessage());
                } else {
                    LOG.warn("error after the final response was sent; Call-ID {}", req.callIdForLog(), error);
                }
            } else if (error instanceof SipParseException bad) {
                LOG.info("malformed request: {} at offset {}; Call-ID {}", bad.reason(), bad.offset(), req.callIdForLog());
                answerIfOpen(bad.status() >= 400 ? bad.status() : 400, safeReason(bad.reason()));
            } else {
                LOG.error("unhandled error, answering 500; Call-ID {}", req.callIdForLog(), error);
                answerIfOpen(500, "Server Internal Error");
            }
            return;
        }
        if (res.finalSent()) {
            return;
        }
        Method method = req.method();
        if (snapshot.routed().contains(method)) {
            LOG.error("every handler for {} passed on; answering 500; Call-ID {}", method, req.callIdForLog());
            answerIfOpen(500, "Server Internal Error");
        } else if (!method.known()) {
            answerIfOpen(501, null);
        } else if (method.equals(Method.BYE) || inDialog()) {
            // a BYE nobody took matches no dialog of this application (RFC 3261 15.1.2), nor
            // does a request with a To tag the dialog layer passed on (a SUBSCRIBE, NOTIFY or
            // REFER of a subscription nobody keeps, 12.2.2)
            answerIfOpen(481, null);
        } else {
            answerIfOpen(405, null, Parts.header("Allow", allow()));
        }
    }

    /** @return whether the request carries a To tag, so names a dialog */
    private boolean inDialog() {
        try {
            return req.message().to().tag().isPresent();
        } catch (SipParseException e) {
            return false;
        }
    }

    private String allow() {
        List<Method> routed = snapshot.routed();
        String listed = routed.stream().map(Method::name).collect(Collectors.joining(", "));
        if (routed.contains(Method.INVITE)) {
            listed += ", ACK, CANCEL";
        }
        return listed;
    }

    private void answerIfOpen(int status, String reason) {
        answerIfOpen(status, reason, Parts.NONE);
    }

    private void answerIfOpen(int status, String reason, Parts parts) {
        if (!res.finalSent()) {
            res.trySend(status, reason, parts);
        }
    }

    /** Keeps a reason phrase to printable ASCII so no input text can break the status line. */
    static String safeReason(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 80));
        for (int i = 0; i < text.length() && b.length() < 80; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.isEmpty() ? "Bad Request" : b.toString();
    }

    private static String describe(Layer layer) {
        return switch (layer) {
            case Layer.Use u -> "middleware " + u.middleware().getClass().getName();
            case Layer.Route r -> "the " + r.method() + " route";
            case Layer.OnError e -> "error middleware for " + e.type().getName();
        };
    }

    /** The {@link Next} one layer gets. */
    private final class Step implements Next {
        private final int from;
        private volatile boolean used;

        Step(int from) {
            this.from = from;
        }

        @Override
        public void proceed() {
            claim();
            runFrom(from, null);
        }

        @Override
        public void fail(Throwable error) {
            claim();
            runFrom(from, error == null ? new NullPointerException("next.fail(null)") : error);
        }

        private void claim() {
            if (used) {
                throw new IllegalStateException("next was already called");
            }
            used = true;
        }
    }
}
