package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.SipTimers;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import java.util.ArrayList;
import java.util.List;

/** A virtual clock, a recording network and recording hooks around one state machine. */
final class Fixture {
    final VirtualClock clock = new VirtualClock();
    final RecordingSender sender = new RecordingSender(clock);
    final SipTimers timers = SipTimers.rfc3261();
    final RecordingHooks hooks = new RecordingHooks();
    final Counters counters = new Counters();
    final Env env = new Env(sender, clock, timers, hooks, counters);

    static final class RecordingHooks implements Hooks {
        final List<Transaction<?>> terminated = new ArrayList<>();
        final List<ServerTransaction> timeouts = new ArrayList<>();
        final List<TransportException> transportErrors = new ArrayList<>();
        final List<SipResponse> sent2xx = new ArrayList<>();
        final List<SipRequest> cancels = new ArrayList<>();

        @Override
        public void terminated(Transaction<?> txn) {
            terminated.add(txn);
        }

        @Override
        public void timeout(ServerTransaction txn) {
            timeouts.add(txn);
        }

        @Override
        public void transportError(ServerTransaction txn, TransportException error) {
            transportErrors.add(error);
        }

        @Override
        public void unsent2xx(InviteServerTransaction txn, SipResponse response) {
            sent2xx.remove(response);
        }

        @Override
        public void sending2xx(InviteServerTransaction txn, SipResponse response) {
            sent2xx.add(response);
        }

        @Override
        public void sendCancel(SipRequest cancel, Hop hop) {
            cancels.add(cancel);
        }
    }

    /** Records what a client transaction reports. */
    static final class Listener implements ClientListener {
        final List<SipResponse> provisional = new ArrayList<>();
        final List<FinalResponse> finals = new ArrayList<>();
        final List<SipResponse> additional = new ArrayList<>();

        @Override
        public void onProvisional(SipResponse response) {
            provisional.add(response);
        }

        @Override
        public void onFinal(FinalResponse result) {
            finals.add(result);
        }

        @Override
        public void onAdditional2xx(SipResponse response) {
            additional.add(response);
        }
    }
}
