package drachtio.transport.internal.transaction;

import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.TransportSender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A network that records what it is given, and fails on request. */
final class RecordingSender implements TransportSender {
    record Sent(SipMessage message, Hop hop, long at) {}

    private final VirtualClock clock;
    /** Written from the 2xx resends' virtual threads too (over TCP). */
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    boolean failing;
    /** Runs after each message is recorded, inside send: lets a test answer faster than send returns. */
    java.util.function.Consumer<SipMessage> onSend = m -> { };

    RecordingSender(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public void send(SipMessage message, Hop hop) {
        if (failing) {
            throw new TransportException("refused by " + hop.remote(), null);
        }
        sent.add(new Sent(message, hop, clock.nanoTime()));
        onSend.accept(message);
    }

    /** Octets kept by a waiting transaction are recorded as the message they encode. */
    @Override
    public void send(byte[] octets, Hop hop) {
        send(SipParser.create().parseDatagram(octets), hop);
    }

    @Override
    public Via via(Hop hop, String branch) {
        return Via.of(hop.transport(), "192.0.2.1", 5060, branch).withParameter("rport", null);
    }

    List<SipRequest> requests(String method) {
        return sent.stream().map(Sent::message).filter(m -> m instanceof SipRequest r && r.method().name().equals(method))
                .map(SipRequest.class::cast).toList();
    }

    List<SipResponse> responses(int status) {
        return sent.stream().map(Sent::message).filter(m -> m instanceof SipResponse r && r.status() == status)
                .map(SipResponse.class::cast).toList();
    }

    List<SipResponse> responses() {
        return sent.stream().map(Sent::message).filter(m -> m instanceof SipResponse)
                .map(SipResponse.class::cast).toList();
    }

    /** @return when each message of that method was sent, in ms of virtual time */
    List<Long> timesOf(String method) {
        return sent.stream().filter(s -> s.message() instanceof SipRequest r && r.method().name().equals(method))
                .map(s -> s.at() / 1_000_000).toList();
    }

    /** @return when each response of that status was sent, in ms of virtual time */
    List<Long> timesOf(int status) {
        return sent.stream().filter(s -> s.message() instanceof SipResponse r && r.status() == status)
                .map(s -> s.at() / 1_000_000).toList();
    }

    SipMessage last() {
        return sent.getLast().message();
    }

    void clear() {
        sent.clear();
    }
}
