package drachtio.transport.internal.transaction;

import drachtio.transport.internal.TimerService;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link TimerService} whose time moves only when a test calls {@link #advance(Duration)}:
 * due tasks run on the test's thread, in time order, with the clock set to their due time.
 */
final class VirtualClock implements TimerService {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order = sequence++;
        final Runnable body;
        boolean cancelled;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
            queue.remove(this);
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), task);
        queue.add(t);
        return t;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves time forward, running every task that falls due on the way. */
    void advance(Duration by) {
        long target = now + by.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            now = t.due;
            if (!t.cancelled) {
                t.body.run();
            }
        }
        now = target;
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** @return the time since the clock was made */
    Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** @return how many tasks wait */
    int pending() {
        return queue.size();
    }
}
