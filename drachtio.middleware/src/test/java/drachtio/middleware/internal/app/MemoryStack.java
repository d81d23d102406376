package drachtio.middleware.internal.app;

import drachtio.api.Listen;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.api.spi.StackConfig;
import drachtio.api.spi.StackHandler;
import drachtio.parser.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A SIP stack with no sockets: the test hands requests in and reads what was answered. */
final class MemoryStack implements SipStack {
    static final Source FROM = new Source("UDP", new InetSocketAddress("127.0.0.1", 5070),
            new InetSocketAddress("127.0.0.1", 5060));

    private final List<Listen> listen;
    private StackHandler handler;
    boolean closed;
    /** The transaction whose chain runs now (the last one delivered). */
    volatile Txn current;

    MemoryStack(StackConfig config) {
        this.listen = config.listen();
    }

    /** @return a fresh App over a memory stack, with the given middleware providers */
    static ExpressApp app(MemoryStack[] holder, MiddlewareProviders providers) {
        return new ExpressApp(StackConfig.builder().build(), c -> holder[0] = new MemoryStack(c), providers);
    }

    @Override
    public List<Listen> start(StackHandler h) {
        handler = h;
        return listen;
    }

    @Override
    public List<Listen> listening() {
        return listen;
    }

    /**
     * Hands a request to the App and runs its chain on this thread.
     *
     * @param text the request; lines end with \n, turned into CRLF here
     * @return the transaction, holding every response sent
     */
    Txn deliver(String text) {
        SipRequest request = (SipRequest) SipParser.create()
                .parseDatagram(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        Txn txn = new Txn(request);
        current = txn;
        handler.onRequest(txn);
        return txn;
    }

    /**
     * Offers a request to the App as the embedded stack's reader does, before any virtual
     * thread: {@link StackHandler#answerAtOnce}.
     *
     * @param text the request, as for {@link #deliver}
     * @return the transaction; {@link Txn#atOnce} says whether the App answered it there
     */
    Txn offer(String text) {
        SipRequest request = (SipRequest) SipParser.create()
                .parseDatagram(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        Txn txn = new Txn(request);
        txn.atOnce = handler.answerAtOnce(txn);
        return txn;
    }

    /** Tells the App the caller cancelled, after answering the INVITE 487 as the stack would. */
    void cancel(Txn invite, SipRequest cancel) {
        invite.respond(SipResponse.replyTo(invite.request(), 487).build());
        handler.onCancel(invite, cancel);
    }

    @Override
    public OutgoingTransaction send(SipRequest request, ResponseHandler responses) {
        throw new UnsupportedOperationException("the memory stack does not send");
    }

    @Override
    public void sendAck(SipRequest ack) {
        throw new UnsupportedOperationException("the memory stack does not send");
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A server transaction that records the responses. */
    static final class Txn implements IncomingTransaction {
        private final SipRequest request;
        final List<SipResponse> responses = new CopyOnWriteArrayList<>();
        /** What {@link StackHandler#answerAtOnce} returned for it, after {@link #offer}. */
        boolean atOnce;

        Txn(SipRequest request) {
            this.request = request;
        }

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
            if (finalSent()) {
                return false;
            }
            responses.add(response);
            return true;
        }

        @Override
        public boolean finalSent() {
            return responses.stream().anyMatch(r -> r.status() >= 200);
        }

        SipResponse last() {
            return responses.getLast();
        }
    }
}
