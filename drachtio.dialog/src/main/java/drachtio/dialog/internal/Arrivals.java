package drachtio.dialog.internal;

import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The order in which the peer's requests of one dialog arrived, kept from the transport's
 * reader to the dialog's serving lock (RFC 3261 12.2.2: requests are served in CSeq order, and
 * one served early makes the one before it "out of order").
 *
 * <p>The reader takes a ticket for each request it hands to a thread of its own; each thread
 * waits for its ticket's turn before it asks for the dialog's fair lock, and passes the turn on
 * once it holds the lock (or has answered without it), so requests ask for the lock in arrival
 * order and its first-in-first-out queue keeps that order. A turn that does not come within a
 * bound (a request whose thread never ran) is not waited for longer.
 */
final class Arrivals {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition passed = lock.newCondition();
    /** The next ticket to issue. */
    private long issued;
    /** The lowest ticket whose turn has not passed. */
    private long turn;
    /** Tickets whose turn passed out of order (a BYE does not wait for its turn). */
    private final TreeSet<Long> passedEarly = new TreeSet<>();
    /** Tickets taken on the reader, by the transaction they belong to, until its thread claims them. */
    private final ConcurrentHashMap<Object, Long> byKey = new ConcurrentHashMap<>();

    /**
     * Takes the next ticket for a request the reader hands on.
     *
     * @param key what the serving thread will name it by (its server transaction)
     */
    void arrived(Object key) {
        byKey.put(key, issue());
    }

    /**
     * @param key the request's server transaction
     * @return its ticket, taken on the reader; or a new one when it got none there
     */
    long claim(Object key) {
        Long t = key == null ? null : byKey.remove(key);
        return t != null ? t : issue();
    }

    private long issue() {
        lock.lock();
        try {
            return issued++;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether a request that arrived has not yet taken its place (so none may be served ahead of it) */
    boolean waiting() {
        lock.lock();
        try {
            return turn != issued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the ticket's turn, at most {@code bound}.
     *
     * @param ticket the ticket
     * @param bound the longest wait
     */
    void awaitTurn(long ticket, Duration bound) {
        long left = bound.toNanos();
        lock.lock();
        try {
            while (turn < ticket && left > 0) {
                left = passed.awaitNanos(left);
            }
            if (turn < ticket) {
                // an earlier request never came for its turn (its thread was refused, say): the
                // turns before this one are given up, so no later request waits for them again
                passedEarly.headSet(ticket).clear();
                turn = ticket;
                passed.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The ticket's request holds the serving lock, or was answered without it: the next may go.
     *
     * @param ticket the ticket
     */
    void pass(long ticket) {
        lock.lock();
        try {
            if (ticket == turn) {
                turn++;
                while (passedEarly.remove(turn)) {
                    turn++;
                }
                passed.signalAll();
            } else if (ticket > turn) {
                passedEarly.add(ticket);
            }
        } finally {
            lock.unlock();
        }
    }
}
