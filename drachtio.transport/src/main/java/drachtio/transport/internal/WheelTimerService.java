package drachtio.transport.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link TimerService}: a hashed timing wheel on one named daemon thread.
 * Scheduling and cancelling cost O(1) and no lock: a timer is pushed on a lock-free stack that
 * the wheel thread drains, and a cancelled one is unlinked from its slot at the next tick. With
 * hundreds of thousands of RFC timers pending (J and L run 32 s each), this costs a fraction of
 * a priority queue's O(log n) inserts and removals, and about 40 bytes per timer.
 *
 * <p>Timers fire on a tick boundary at or after their deadline, never early: up to
 * {@link #TICK} late. A task that throws is logged and does not stop the thread. While no timer
 * is pending the thread sleeps until one is scheduled.
 */
public final class WheelTimerService implements TimerService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WheelTimerService.class);
    /** The wheel's resolution. */
    static final Duration TICK = Duration.ofMillis(2);
    private static final long TICK_NANOS = TICK.toNanos();
    /** 16,384 slots of 2 ms: one turn is 32.8 s, so timers J and L are looked at once. */
    private static final int SLOTS = 1 << 14;
    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int DONE = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Node.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Node[] slots = new Node[SLOTS];
    private final AtomicReference<Node> added = new AtomicReference<>();
    private final AtomicReference<Node> cancelled = new AtomicReference<>();
    private final long origin = System.nanoTime();
    private final Thread thread;
    private volatile boolean sleeping;
    private volatile boolean closed;
    /** The next tick to expire; wheel thread only. */
    private long tick;
    /** Timers in the slots; wheel thread only. */
    private int size;
    /** {@link #size} as of the wheel thread's last turn, for {@link #pending()}. */
    private volatile int published;

    /** One timer; doubles as its own hand-off link and slot list node. */
    private final class Node implements Timer {
        final long dueTick;
        Runnable task;
        @SuppressWarnings("unused") // through STATE
        volatile int state;
        /** The next node on the stack of added timers. */
        Node handOff;
        /** The next node on the stack of cancelled timers. */
        Node cancelLink;
        Node prev;
        Node next;
        /** The slot it is linked in, or -1; wheel thread only. */
        int slot = -1;

        Node(long dueTick, Runnable task) {
            this.dueTick = dueTick;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
                task = null;
                push(cancelled, this);
            }
        }
    }

    private WheelTimerService(String name) {
        thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * @param name the wheel thread's name, e.g. {@code sip-timers}
     * @return a running service; {@link #close()} stops it
     */
    public static WheelTimerService start(String name) {
        return new WheelTimerService(name);
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        long due = System.nanoTime() - origin + Math.max(0, delay.toNanos());
        // the first tick boundary at or after the deadline
        Node n = new Node((due + TICK_NANOS - 1) / TICK_NANOS, task);
        push(added, n);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
        return n;
    }

    private void push(AtomicReference<Node> stack, Node n) {
        Node head;
        do {
            head = stack.get();
            if (stack == added) {
                n.handOff = head;
            } else {
                n.cancelLink = head;
            }
        } while (!stack.compareAndSet(head, n));
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Stops the thread; pending timers never run. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            long now = (System.nanoTime() - origin) / TICK_NANOS;
            takeAdded();
            takeCancelled();
            while (tick <= now && !closed) {
                expire(tick++);
                takeAdded(); // what the tasks just scheduled may be due at once
            }
            published = size;
            if (size == 0) {
                sleeping = true;
                if (added.get() == null && !closed) {
                    LockSupport.park(this);
                }
                sleeping = false;
                if (size == 0) {
                    tick = Math.max(tick, (System.nanoTime() - origin) / TICK_NANOS);
                }
            } else {
                LockSupport.parkNanos(this, origin + tick * TICK_NANOS - System.nanoTime());
            }
        }
    }

    private void takeAdded() {
        for (Node n = added.getAndSet(null); n != null; ) {
            Node following = n.handOff;
            n.handOff = null;
            if ((int) STATE.getVolatile(n) == PENDING) {
                link(n);
            }
            n = following;
        }
    }

    private void takeCancelled() {
        for (Node n = cancelled.getAndSet(null); n != null; ) {
            Node following = n.cancelLink;
            n.cancelLink = null;
            if (n.slot >= 0) {
                unlink(n);
            }
            n = following;
        }
    }

    private void link(Node n) {
        int slot = (int) (Math.max(n.dueTick, tick) & (SLOTS - 1));
        Node head = slots[slot];
        n.next = head;
        n.prev = null;
        if (head != null) {
            head.prev = n;
        }
        slots[slot] = n;
        n.slot = slot;
        size++;
    }

    private void unlink(Node n) {
        if (n.prev != null) {
            n.prev.next = n.next;
        } else {
            slots[n.slot] = n.next;
        }
        if (n.next != null) {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.slot = -1;
        size--;
    }

    private void expire(long at) {
        int slot = (int) (at & (SLOTS - 1));
        Node n = slots[slot];
        while (n != null) {
            Node following = n.next;
            if (n.dueTick <= at) {
                unlink(n);
                if (STATE.compareAndSet(n, PENDING, DONE)) {
                    Runnable task = n.task;
                    n.task = null;
                    run(task);
                }
            }
            n = following;
        }
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

    /**
     * @return how many timers wait in the wheel as of its thread's last turn (a cancelled one
     *     leaves at the next tick)
     */
    public int pending() {
        return published;
    }
}
