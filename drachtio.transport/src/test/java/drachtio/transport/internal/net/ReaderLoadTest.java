package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReaderLoadTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final ReaderLoad load = new ReaderLoad(now::get);

    /** One datagram: the reader waited, then worked. */
    private void datagram(long waitMs, long workMs) {
        long start = load.now();
        now.addAndGet(waitMs * MS);
        load.received(start);
        now.addAndGet(workMs * MS);
    }

    @Test
    void theShareIsTheTimeSpentOutsideReceive() {
        for (int i = 0; i < 10; i++) {
            datagram(8, 2);
        }
        datagram(0, 0);
        assertThat(load.busyShare()).isCloseTo(0.2, offset(1e-9));
    }

    @Test
    void aReaderThatNeverWaitsIsSaturated() {
        for (int i = 0; i < 101; i++) {
            datagram(0, 1);
        }
        assertThat(load.busyShare()).isEqualTo(1.0);
    }

    @Test
    void nothingBeforeTheFirstWindowCloses() {
        datagram(0, 50);
        assertThat(load.busyShare()).isZero();
    }

    @Test
    void aReaderWaitingLongInReceiveCountsAsIdle() {
        for (int i = 0; i < 101; i++) {
            datagram(0, 1);
        }
        assertThat(load.busyShare()).isEqualTo(1.0);
        now.addAndGet(250 * MS);
        assertThat(load.busyShare()).as("no datagram for a quarter of a second").isZero();
    }
}
