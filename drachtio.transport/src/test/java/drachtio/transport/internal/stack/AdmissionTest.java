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
            admission.handedOver();
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
    void newRequestsAreTurnedAwayWhileTheFloorOfTasksWaitsForACarrierAndTheLastStartWasLate() {
        assertThat(admission.queueLimit()).as("nothing started yet: the floor").isEqualTo(Admission.MIN_QUEUE);
        for (int i = 0; i < Admission.MIN_QUEUE; i++) {
            admission.handedOver();
        }
        admission.handedOver();
        admission.started(LIMIT / 2 + 1);
        assertThat(admission.letsAllIn()).isFalse();
        assertThat(admittedOf(1000)).as("the share is whole, the queue is not").isZero();
        assertThat(admission.share()).isEqualTo(1.0);
        Admission.Ticket bye = admission.tryAdmit(true);
        assertThat(bye).as("a request in a dialog is not the queue's business").isNotNull();
        admission.started(LIMIT);
        assertThat(admission.letsAllIn()).as("one started: one place").isTrue();
        assertThat(admission.admitNew()).isTrue();
    }

    @Test
    void aLongQueueThatStartsPromptlyIsNotFull() {
        for (int i = 0; i < 10 * Admission.MIN_QUEUE; i++) {
            admission.handedOver();
        }
        admission.handedOver();
        admission.started(LIMIT / 2);
        assertThat(admission.letsAllIn()).as("the carriers keep up: the bound still follows an older, slower pace")
                .isTrue();
        assertThat(admittedOf(1000)).isEqualTo(1000);
        admission.handedOver();
        admission.started(LIMIT / 2 + 1);
        assertThat(admission.letsAllIn()).isFalse();
    }

    @Test
    void aTaskTheExecutorRefusesTakesNoPlace() {
        for (int i = 0; i < Admission.MIN_QUEUE + 1; i++) {
            admission.handedOver();
        }
        admission.started(LIMIT);
        assertThat(admission.admitNew()).isFalse();
        admission.notStarted();
        assertThat(admission.admitNew()).isTrue();
    }

    @Test
    void theQueueHoldsWhatTheCarriersStartInTheLagLimitAtThePaceOfTheBusiestRecentWindow() {
        // a lag limit of two and a half windows
        Admission a = new Admission(3, 5 * Admission.WINDOW_NANOS / 2, now::get, saturated::get);
        for (int i = 0; i < 1000; i++) {
            a.handedOver();
            a.started(0);
        }
        assertThat(a.queueLimit()).as("the window is still open").isEqualTo(Admission.MIN_QUEUE);
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(a.queueLimit()).as("1,000 starts per window, 2.5 windows").isEqualTo(2500);
        for (int i = 0; i < 2500; i++) {
            a.handedOver();
        }
        a.started(Admission.WINDOW_NANOS * 2);
        assertThat(a.admitNew()).as("2,499 wait, the last start was late").isTrue();
        a.handedOver();
        assertThat(a.admitNew()).isFalse();
        // the carriers stall: few starts per window, and the bound stays for a second
        for (int w = 1; w < Admission.RECENT_WINDOWS; w++) {
            a.started(Admission.WINDOW_NANOS * 2);
            now.addAndGet(Admission.WINDOW_NANOS);
            assertThat(a.queueLimit()).as("window %d after the busy one", w).isEqualTo(2500);
        }
        assertThat(a.admitNew()).as("%d wait", 2500 - 9).isTrue();
        for (int i = 0; i < 300; i++) {
            a.started(0);
        }
        now.addAndGet(Admission.WINDOW_NANOS);
        assertThat(a.queueLimit()).as("the busy window is ten windows back: 300 per window now").isEqualTo(750);
        now.addAndGet(20 * Admission.WINDOW_NANOS);
        assertThat(a.queueLimit()).as("two idle seconds").isEqualTo(Admission.MIN_QUEUE);
    }
}
