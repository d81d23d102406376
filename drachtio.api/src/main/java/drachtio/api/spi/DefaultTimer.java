package drachtio.api.spi;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The timer behind {@link SipStack#schedule}'s default: one daemon thread, made on first use. */
final class DefaultTimer {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private DefaultTimer() {
    }

    static SipStack.Scheduled schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = EXECUTOR.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("drachtio-stack-timer").daemon(true).factory());
        // cancelled backstops leave the queue at once instead of waiting out their delay
        e.setRemoveOnCancelPolicy(true);
        return e;
    }
}
