package drachtio.transport.internal.transaction;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The layer's live counters; {@link #snapshot()} copies them for tests and metrics. */
final class Counters {
    final AtomicInteger inviteClient = new AtomicInteger();
    final AtomicInteger nonInviteClient = new AtomicInteger();
    final AtomicInteger inviteServer = new AtomicInteger();
    final AtomicInteger nonInviteServer = new AtomicInteger();
    final LongAdder overloadRejected = new LongAdder();
    final LongAdder retransmissionsAbsorbed = new LongAdder();
    final LongAdder retransmissionsSent = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder dropped = new LongAdder();
    /** What live server transactions weigh, see {@link Transaction#weigh}. */
    final AtomicLong serverBytes = new AtomicLong();

    int liveServers() {
        return inviteServer.get() + nonInviteServer.get();
    }

    TransactionStats snapshot() {
        return new TransactionStats(inviteClient.get(), nonInviteClient.get(), inviteServer.get(),
                nonInviteServer.get(), overloadRejected.sum(), retransmissionsAbsorbed.sum(),
                retransmissionsSent.sum(), timeouts.sum(), transportErrors.sum(), dropped.sum());
    }
}
