package drachtio.transport.internal.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that makes the network layer's threads. Every thread is named
 * {@code <prefix>-<role>}, and tracked until it ends so {@link #joinAll} can wait for them and
 * tests can prove none leaked (virtual threads do not show in {@code Thread.getAllStackTraces}).
 */
final class NetThreads {
    private static final Logger log = LoggerFactory.getLogger(NetThreads.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String prefix;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    NetThreads() {
        this.prefix = "sip-net-" + INSTANCES.incrementAndGet();
    }

    /** @return the name prefix of this instance's threads */
    String prefix() {
        return prefix;
    }

    /**
     * A platform daemon thread, for the long-lived loops (UDP readers, the reaper).
     *
     * @param role what the thread does, e.g. {@code udp-127.0.0.1:5060}
     * @param task the loop
     * @return the started thread
     */
    Thread platform(String role, Runnable task) {
        return start(Thread.ofPlatform().daemon(true).name(prefix + "-" + role).unstarted(tracked(task)));
    }

    /**
     * A virtual thread, for the blocking per-connection loops.
     *
     * @param role what the thread does
     * @param task the loop
     * @return the started thread
     */
    Thread virtual(String role, Runnable task) {
        return start(Thread.ofVirtual().name(prefix + "-" + role).unstarted(tracked(task)));
    }

    private Runnable tracked(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("thread {} ended with an error", Thread.currentThread().getName(), e);
            } finally {
                live.remove(Thread.currentThread());
            }
        };
    }

    private Thread start(Thread t) {
        live.add(t);
        t.start();
        return t;
    }

    /** @return the names of threads started here that have not ended */
    List<String> liveNames() {
        List<String> names = new ArrayList<>();
        for (Thread t : live) {
            if (t.isAlive()) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /**
     * Waits for every thread to end.
     *
     * @param timeout the longest wait in total
     * @return whether all ended
     */
    boolean joinAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : List.copyOf(live)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        List<String> stuck = liveNames();
        if (!stuck.isEmpty()) {
            log.warn("threads still running after stop: {}", stuck);
        }
        return stuck.isEmpty();
    }
}
