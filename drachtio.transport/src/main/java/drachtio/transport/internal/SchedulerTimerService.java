package drachtio.transport.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link TimerService}: one named daemon scheduler thread per stack. Cancelled
 * tasks leave the queue at once, so the thousands of timers that never fire (A, B, E, F
 * after a response) cost no memory. A task that throws is logged and does not stop the
 * thread.
 */
public final class SchedulerTimerService implements TimerService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerTimerService.class);

    private final ScheduledThreadPoolExecutor executor;

    private SchedulerTimerService(String name) {
        executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name(name).daemon(true).factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * @param name the scheduler thread's name, e.g. {@code drachtio-sip-timers}
     * @return a running service; {@link #close()} stops it
     */
    public static SchedulerTimerService start(String name) {
        return new SchedulerTimerService(name);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(() -> run(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("timer task failed", e);
        } catch (Error e) {
            LOG.error("timer task failed", e);
            throw e;
        }
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** @return how many tasks wait to run */
    public int pending() {
        return executor.getQueue().size();
    }

    /** Stops the thread; pending timers never run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
