package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A transaction user that records every call (from any thread) and can answer new requests at once. */
final class RecordingTu implements TransactionUser {
    final List<ServerTransaction> requests = new CopyOnWriteArrayList<>();
    final List<SipRequest> cancels = new CopyOnWriteArrayList<>();
    final List<SipRequest> acks = new CopyOnWriteArrayList<>();
    final List<SipResponse> strays = new CopyOnWriteArrayList<>();
    final List<ServerTransaction> timeouts = new CopyOnWriteArrayList<>();
    final List<SipResponse> ackTimeouts = new CopyOnWriteArrayList<>();
    final List<TransportException> transportErrors = new CopyOnWriteArrayList<>();
    volatile Consumer<ServerTransaction> answer = t -> { };

    @Override
    public void onRequest(ServerTransaction txn) {
        // the transaction lets go of its request after the final response; keep it, as a TU must
        txn.attach(txn.request());
        requests.add(txn);
        answer.accept(txn);
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        cancels.add(cancel);
    }

    @Override
    public void onAck(SipRequest ack, Hop from) {
        acks.add(ack);
    }

    @Override
    public void onResponse(SipResponse response, Hop from) {
        strays.add(response);
    }

    @Override
    public void onTimeout(ServerTransaction invite) {
        timeouts.add(invite);
    }

    @Override
    public void onAckTimeout(ServerTransaction invite, SipResponse response) {
        ackTimeouts.add(response);
    }

    @Override
    public void onTransportError(ServerTransaction txn, TransportException error) {
        transportErrors.add(error);
    }
}
