package drachtio.middleware.internal.app;

import drachtio.api.Listen;
import drachtio.api.message.SipRequest;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.StackHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A socket-less stack for the UAC's tests: it records every request and ACK sent, and answers
 * each request as the test's {@link #answer} says.
 */
abstract class ScriptedStack implements SipStack {
    final List<SipRequest> sent = new CopyOnWriteArrayList<>();
    final List<SipRequest> acks = new CopyOnWriteArrayList<>();

    /**
     * @param request a request as sent
     * @param handler where its responses go
     * @return its transaction
     */
    abstract OutgoingTransaction answer(SipRequest request, ResponseHandler handler);

    @Override
    public List<Listen> start(StackHandler handler) {
        return listening();
    }

    @Override
    public List<Listen> listening() {
        return List.of(Listen.udp("127.0.0.1", 5070));
    }

    @Override
    public OutgoingTransaction send(SipRequest request, ResponseHandler handler) {
        sent.add(request);
        return answer(request, handler);
    }

    @Override
    public void sendAck(SipRequest ack) {
        acks.add(ack);
    }

    @Override
    public void close() {
    }
}
