package drachtio.dialog.internal;

import drachtio.api.Dialog;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.api.spi.StackHandler;
import drachtio.parser.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/** A socket-less stack and the App's request and response views, for the dialog layer's tests. */
final class Fakes {
    static final Source FROM = new Source("UDP", new InetSocketAddress("127.0.0.1", 5070),
            new InetSocketAddress("127.0.0.1", 5060));

    private Fakes() {
    }

    /** @return the message parsed; lines end with \n, turned into CRLF here */
    static <T> T parse(String text, Class<T> type) {
        return type.cast(SipParser.create().parseDatagram(
                text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** A stack that answers every request it is given with what {@code answers} says. */
    static final class Stack implements SipStack {
        final List<SipRequest> sent = new CopyOnWriteArrayList<>();
        final List<SipRequest> acks = new CopyOnWriteArrayList<>();
        volatile Function<SipRequest, SipResponse> answers = r -> SipResponse.replyTo(r, 200).build();
        /** The delays of the tasks scheduled on this stack's timer (the SPI's shared one). */
        final List<java.time.Duration> scheduled = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger cancelled = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Scheduled schedule(java.time.Duration delay, Runnable task) {
            scheduled.add(delay);
            Scheduled s = SipStack.super.schedule(delay, task);
            return () -> {
                cancelled.incrementAndGet();
                s.cancel();
            };
        }

        @Override
        public List<Listen> start(StackHandler handler) {
            return List.of();
        }

        @Override
        public List<Listen> listening() {
            return List.of();
        }

        @Override
        public OutgoingTransaction send(SipRequest request, ResponseHandler handler) {
            sent.add(request);
            handler.onFinal(answers.apply(request), Outcome.RECEIVED);
            return OutgoingTransaction.answered(request);
        }

        @Override
        public void sendAck(SipRequest ack) {
            acks.add(ack);
        }

        @Override
        public void close() {
        }
    }

    /** A request as the App shows it. */
    record Req(SipRequest message) implements Request {

        @Override
        public Source source() {
            return FROM;
        }

        @Override
        public <T> Optional<T> attribute(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> void attribute(Class<T> type, T value) {
        }

        @Override
        public void onCancel(Consumer<SipRequest> listener) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }

    /** Responses recorded, built as the App builds them (no To tag added: in-dialog requests carry one). */
    static final class Res implements Response {
        final SipRequest request;
        final List<SipResponse> sent = new CopyOnWriteArrayList<>();

        Res(SipRequest request) {
            this.request = request;
        }

        @Override
        public void send(int status, String reason, Parts parts) {
            if (finalSent()) {
                throw new IllegalStateException("final already sent");
            }
            SipResponse.Builder b = SipResponse.replyTo(request, status);
            if (reason != null) {
                b.reason(reason);
            }
            parts.headers().forEach(h -> b.header(h.name(), h.value()));
            if (parts.contentType() != null) {
                b.body(parts.contentType(), parts.body());
            }
            sent.add(b.build());
        }

        @Override
        public Dialog answer(int status, Parts parts) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean finalSent() {
            return sent.stream().anyMatch(r -> r.status() >= 200);
        }

        @Override
        public int status() {
            return sent.isEmpty() ? 0 : sent.getLast().status();
        }

        @Override
        public Optional<SipResponse> finalResponse() {
            return sent.stream().filter(r -> r.status() >= 200).findFirst();
        }

        SipResponse last() {
            return sent.getLast();
        }
    }

    /** An IncomingTransaction that is never used by the layer beyond identity. */
    static IncomingTransaction txn(SipRequest request) {
        return new IncomingTransaction() {
            @Override
            public SipRequest request() {
                return request;
            }

            @Override
            public Source source() {
                return FROM;
            }

            @Override
            public boolean respond(SipResponse response) {
                return true;
            }

            @Override
            public boolean finalSent() {
                return false;
            }
        };
    }
}
