package drachtio.transport.internal.transaction;

import drachtio.transport.internal.TimerService;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link TimerService} whose time moves only when a test calls {@link #advance(Duration)}:
 * due tasks run on the test's thread, in time order, with the clock set to their due time.
 * Safe to schedule on from other threads (the 2xx resends over TCP run on virtual threads);
 * a task runs without the clock's monitor held.
 */
final class VirtualClock implements TimerService {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order = sequence++;
        final Runnable body;
        volatile boolean cancelled;

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
            synchronized (VirtualClock.this) {
                queue.remove(this);
            }
        }
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), task);
        queue.add(t);
        return t;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    /** Moves time forward, running every task that falls due on the way. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                if (queue.isEmpty() || queue.peek().due > target) {
                    now = target;
                    return;
                }
                t = queue.poll();
                now = t.due;
            }
            if (!t.cancelled) {
                t.body.run();
            }
        }
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** @return the time since the clock was made */
    synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** @return how many tasks wait */
    synchronized int pending() {
        return queue.size();
    }
}
