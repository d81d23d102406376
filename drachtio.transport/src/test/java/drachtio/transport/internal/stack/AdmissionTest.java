package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final long LIMIT = 100_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final Admission admission = new Admission(3, LIMIT, now::get, saturated::get);

    private void overloadedWindows(int n) {
        for (int i = 0; i < n; i++) {
            admission.handedOver(now.get());
            admission.started(2 * LIMIT);
            now.addAndGet(Admission.WINDOW_NANOS);
        }
    }

    /** @return how many of n new requests the gate let in */
    private int admittedOf(int n) {
        int in = 0;
        for (int i = 0; i < n; i++) {
            if (admission.admitNew()) {
                in++;
            }
        }
        return in;
    }

    @Test
    void newRequestsAndRequestsInDialogsHaveBudgetsOfTheirOwn() {
        List<Admission.Ticket> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fresh.add(admission.tryAdmit(false));
        }
        assertThat(fresh).doesNotContainNull();
        assertThat(admission.tryAdmit(false)).as("the new-request budget is spent").isNull();
        List<Admission.Ticket> inDialog = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inDialog.add(admission.tryAdmit(true));
        }
        assertThat(inDialog).as("a BYE still gets in").doesNotContainNull();
        assertThat(admission.tryAdmit(true)).isNull();
        assertThat(admission.busy()).isEqualTo(6);
        inDialog.getFirst().release();
        assertThat(admission.tryAdmit(false)).isNull();
        assertThat(admission.tryAdmit(true)).isNotNull();
        fresh.getFirst().release();
        assertThat(admission.tryAdmit(false)).isNotNull();
    }

    @Test
    void aTicketGoesBackOnceHoweverOftenItIsReleased() {
        Admission.Ticket t = admission.tryAdmit(false);
        t.release();
        t.release();
        t.release();
        assertThat(admission.busy()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(admission.tryAdmit(false)).isNotNull();
        }
        assertThat(admission.tryAdmit(false)).as("releasing twice made no extra room").isNull();
    }

    @Test
    void everyNewRequestGetsInWhileTasksStartPromptly() {
        admission.started(LIMIT / 2);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(admission.share()).isEqualTo(1.0);
        assertThat(admission.letsAllIn()).isTrue();
        assertThat(admittedOf(1000)).isEqualTo(1000);
    }

    @Test
    void aLateStartCutsTheShareByATenthPerWindowDownToTheFloor() {
        admission.started(LIMIT + 1);
        assertThat(admission.share()).as("not before the window closes").isEqualTo(1.0);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(admission.share()).as("one hot window alone: a GC pause, a burst").isEqualTo(1.0);
        overloadedWindows(1);
        assertThat(admission.share()).isCloseTo(0.9, offset(1e-9));
        overloadedWindows(1);
        assertThat(admission.share()).isCloseTo(0.81, offset(1e-9));
        overloadedWindows(60);
        assertThat(admission.share()).isEqualTo(Admission.MIN_SHARE);
        assertThat(admission.letsAllIn()).isFalse();
        assertThat(admittedOf(10_000)).as("about 2 %% of 10,000").isBetween(100, 320);
        assertThat(admission.tryAdmit(false)).as("the budget is not the share's business").isNotNull();
    }

    @Test
    void theShareGrowsBackByATenthPerCalmWindowAndIdleTimeCountsAsCalm() {
        overloadedWindows(60);
        assertThat(admission.share()).isEqualTo(Admission.MIN_SHARE);
        admission.started(LIMIT);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(admission.share()).isCloseTo(Admission.MIN_SHARE + 0.1, offset(1e-9));
        now.addAndGet(5 * Admission.WINDOW_NANOS);
        assertThat(admission.share()).as("five quiet windows with nothing run").isCloseTo(0.62, offset(1e-9));
        now.addAndGet(60 * Admission.WINDOW_NANOS);
        assertThat(admission.share()).isEqualTo(1.0);
    }

    @Test
    void aSaturatedReaderCutsTheShareEvenWhenTasksStartPromptly() {
        saturated.set(true);
        admission.started(0);
        now.addAndGet(Admission.WINDOW_NANOS);
        admission.started(0);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(admission.share()).isCloseTo(0.9, offset(1e-9));
        saturated.set(false);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(admission.share()).isEqualTo(1.0);
    }

    @Test
    void hotWindowsApartNeverCut() {
        for (int i = 0; i < 10; i++) {
            admission.started(2 * LIMIT);
            now.addAndGet(Admission.WINDOW_NANOS);
            admission.started(0);
            now.addAndGet(Admission.WINDOW_NANOS);
        }
        assertThat(admission.share()).isEqualTo(1.0);
    }

    @Test
    void requestsInDialogsAreNeverCutBack() {
        overloadedWindows(40);
        for (int i = 0; i < 1000; i++) {
            Admission.Ticket t = admission.tryAdmit(true);
            assertThat(t).isNotNull();
            t.release();
        }
    }

    @Test
    void newRequestsAreTurnedAwayWhileTheOldestWaitingTaskWaitedMoreThanAQuarterOfTheLagLimit() {
        admission.handedOver(now.get());
        now.addAndGet(LIMIT / 4);
        assertThat(admission.oldestWait(now.get())).isEqualTo(LIMIT / 4);
        assertThat(admission.letsAllIn()).isTrue();
        now.addAndGet(1);
        assertThat(admission.letsAllIn()).isFalse();
        assertThat(admittedOf(1000)).as("the share is whole, the queue is not").isZero();
        assertThat(admission.share()).isEqualTo(1.0);
        Admission.Ticket bye = admission.tryAdmit(true);
        assertThat(bye).as("a request in a dialog is not the queue's business").isNotNull();
        admission.started(LIMIT / 4 + 1);
        assertThat(admission.oldestWait(now.get())).as("none waits").isZero();
        assertThat(admission.letsAllIn()).isTrue();
        assertThat(admission.admitNew()).isTrue();
    }

    @Test
    void aLongQueueThatStartsPromptlyIsNotFull() {
        for (int i = 0; i < 10_000; i++) {
            admission.handedOver(now.get());
        }
        now.addAndGet(LIMIT / 8);
        assertThat(admission.letsAllIn()).as("how many wait does not matter, how long they wait does").isTrue();
        assertThat(admittedOf(1000)).isEqualTo(1000);
    }

    @Test
    void theOldestWaitingTaskIsTheNextAfterThoseStarted() {
        long t0 = now.get();
        admission.handedOver(t0);
        admission.handedOver(t0 + LIMIT / 8);
        admission.handedOver(t0 + LIMIT / 4);
        now.set(t0 + LIMIT / 4 + 1);
        assertThat(admission.admitNew()).isFalse();
        admission.started(LIMIT / 4);
        assertThat(admission.oldestWait(now.get())).isEqualTo(LIMIT / 8 + 1);
        assertThat(admission.admitNew()).isTrue();
        now.addAndGet(LIMIT / 8);
        assertThat(admission.admitNew()).as("the second has waited too long now").isFalse();
        admission.started(LIMIT / 4);
        admission.started(LIMIT / 8);
        assertThat(admission.oldestWait(now.get())).isZero();
    }

    @Test
    void aTaskTheExecutorRefusesTakesNoPlace() {
        admission.handedOver(now.get());
        admission.notStarted();
        now.addAndGet(LIMIT);
        assertThat(admission.oldestWait(now.get())).isZero();
        assertThat(admission.admitNew()).isTrue();
    }

    @Test
    void moreWaitingThanTheRingHoldsIsAFullQueue() {
        for (int i = 0; i <= Admission.MAX_WAITING; i++) {
            admission.handedOver(now.get());
        }
        assertThat(admission.admitNew()).isFalse();
        admission.started(0);
        assertThat(admission.admitNew()).as("the ring holds the rest, all just handed over").isTrue();
    }
}
