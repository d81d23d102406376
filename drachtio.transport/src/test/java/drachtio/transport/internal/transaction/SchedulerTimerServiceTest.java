package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.transport.internal.SchedulerTimerService;
import drachtio.transport.internal.TimerService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production timer service: one named daemon thread; cancelled tasks leave the queue. */
class SchedulerTimerServiceTest {

    @Test
    void runsTasksOnOneNamedDaemonThread() throws Exception {
        try (SchedulerTimerService timers = SchedulerTimerService.start("sip-timers-test")) {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            timers.schedule(Duration.ofMillis(5), () -> ran.complete(Thread.currentThread()));
            Thread t = ran.get(5, TimeUnit.SECONDS);
            assertThat(t.getName()).isEqualTo("sip-timers-test");
            assertThat(t.isDaemon()).isTrue();
        }
    }

    @Test
    void cancelledTaskNeverRunsAndLeavesTheQueue() throws Exception {
        try (SchedulerTimerService timers = SchedulerTimerService.start("sip-timers-test")) {
            CompletableFuture<Boolean> cancelledRan = new CompletableFuture<>();
            TimerService.Timer timer = timers.schedule(Duration.ofMillis(20), () -> cancelledRan.complete(true));
            assertThat(timers.pending()).isEqualTo(1);
            timer.cancel();
            assertThat(timers.pending()).isZero();
            CompletableFuture<Boolean> later = new CompletableFuture<>();
            timers.schedule(Duration.ofMillis(40), () -> later.complete(true));
            later.get(5, TimeUnit.SECONDS);
            assertThat(cancelledRan).isNotDone();
        }
    }

    @Test
    void aFailingTaskDoesNotStopLaterOnes() throws Exception {
        try (SchedulerTimerService timers = SchedulerTimerService.start("sip-timers-test")) {
            timers.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("expected by the test");
            });
            CompletableFuture<Boolean> after = new CompletableFuture<>();
            timers.schedule(Duration.ofMillis(5), () -> after.complete(true));
            assertThat(after.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
