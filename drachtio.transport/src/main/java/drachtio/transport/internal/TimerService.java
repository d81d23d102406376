package drachtio.transport.internal;

import java.time.Duration;

/**
 * Runs the RFC 3261 timers. One instance per stack, backed by one scheduler thread in
 * production and by a virtual clock in tests. Tasks must not block.
 */
public interface TimerService {

    /** A scheduled task that can be cancelled. */
    interface Timer {
        /** Cancels the task if it has not run; harmless afterwards. */
        void cancel();
    }

    /**
     * @param delay how long from now
     * @param task what to run, quickly and without blocking
     * @return a handle to cancel it
     */
    Timer schedule(Duration delay, Runnable task);

    /** @return the current time of this service's clock, in nanoseconds, for measuring */
    long nanoTime();
}
