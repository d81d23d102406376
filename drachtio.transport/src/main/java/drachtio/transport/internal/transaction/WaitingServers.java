package drachtio.transport.internal.transaction;

import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TimerService;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Server transactions over UDP that have sent their final response and only wait out their
 * last 64*T1, kept as bytes instead of objects: non-INVITE ones in Completed (timer J, RFC 3261
 * 17.2.2), which answer a retransmitted request with their final again, and INVITE ones in
 * Accepted (timer L, RFC 6026), which absorb retransmitted INVITEs. Such a transaction needs
 * its key, where its response went and the response's octets (none for an INVITE: the UAS
 * core retransmits its 2xx) for 32 s. As objects (the transaction, its lock, key, hop, timer
 * and map entry) that is about 720 bytes in 11 objects per request, which every young
 * collection copies until it is promoted: at 20,000 requests a second, 640,000 of them, and
 * collections of 100 ms that stall the reader. Here they take one record each in a ring of
 * slabs of native memory (direct buffers, which the collector neither scans nor copies; a
 * slab the oldest records have left is kept for reuse, so the slabs in use follow the
 * records waiting, not the ring's size), found through an open-addressing index of
 * primitive arrays ({@link RecordIndex}).
 *
 * <p>Every record waits the same 64*T1, so records expire in the order they were written:
 * one sweep, scheduled for the oldest record's time, frees the head of the ring. When the
 * ring is full, the oldest records go before their time (counted in {@link #evicted()}): a
 * retransmission of those requests then counts as new, which is what a peer sees from a
 * stateless server. Memory stays within the capacity given, whatever the rate.
 *
 * <p>A new slab is zeroed by {@link ByteBuffer#allocateDirect} and its pages faulted in on
 * first touch (64 pages at about 14 us each on the VM measured): 9 % of the UDP reader's
 * time while the ring grows (the first 64*T1 at a higher rate). So slabs are made ahead, off
 * the caller's thread: when fewer than {@value #READY} / 2 spare ones are left, a task given to the
 * {@code maker} brings them back to {@value #READY} (2 MiB), and a caller allocates a slab
 * itself only when the spares ran out first.
 *
 * <p>Thread-safe: one lock, held for a few hundred nanoseconds per call.
 */
final class WaitingServers {
    /** The octets of one slab of the ring; a record never spans two. */
    static final int SLAB = 1 << 18;
    /** Slabs kept for reuse at most: 16 MiB, many times what the tail takes between two sweeps. */
    private static final int MAX_SPARE = 64;
    /** Spare slabs the maker keeps ready (well under {@link #MAX_SPARE}). */
    static final int READY = 8;
    /** Record header: length, expiry, hash. */
    private static final int HEAD = 4 + 8 + 4;
    /** In the length field: the rest of this slab is unused, go on at the next. */
    private static final int SKIP = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final TimerService timers;
    private final long waitNanos;
    /** The ring's slots: slab number modulo their count; null where no record lies. */
    private final ByteBuffer[] slabs;
    /** Slabs the head has left, ready for the tail. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    /** Position (in octets written since the start) of the oldest record, and of the next one. */
    private long head;
    private long tail;
    /** Where each record lies, by its hash. */
    private final RecordIndex index = new RecordIndex();
    private long evicted;
    private long slabsMade;
    private TimerService.Timer sweep;
    /** Runs {@link #makeSpares} away from the callers. */
    private final Executor maker;
    /** Whether a {@link #makeSpares} task is queued or running. */
    private boolean making;

    /**
     * @param timers the clock and the scheduler of the sweeps
     * @param wait how long a record waits, 64*T1
     * @param capacity the octets the ring may hold, rounded down to whole slabs (at least one)
     * @param maker runs the task that makes spare slabs ahead of need (a short-lived platform
     *     thread in the stack; tests run it when they choose)
     */
    WaitingServers(TimerService timers, Duration wait, long capacity, Executor maker) {
        this.timers = timers;
        this.maker = maker;
        this.waitNanos = wait.toNanos();
        int n = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, capacity / SLAB));
        this.slabs = new ByteBuffer[n];
    }

    /**
     * Keeps a completed transaction's response for retransmissions of its request.
     *
     * @param key the transaction's RFC 3261 key
     * @param hop where the response went (UDP)
     * @param octets the final response, or none to absorb retransmissions
     * @return false when the record cannot be kept (larger than a slab, a key that is not
     *     ASCII, an IPv6 address with a scope, which the record does not hold): the caller keeps
     *     the transaction as it is
     */
    boolean put(ServerKey.Rfc3261 key, Hop hop, byte[] octets) {
        int klen = keyLength(key);
        byte[] remote = hop.remote().getAddress().getAddress();
        byte[] local = hop.local() == null ? new byte[0] : hop.local().getAddress().getAddress();
        int len = HEAD + klen + 1 + remote.length + 2 + 1 + local.length + 2 + 4 + octets.length;
        if (klen < 0 || len > SLAB || scoped(hop.remote()) || scoped(hop.local())) {
            return false;
        }
        int hash = spread(key.hashCode());
        lock.lock();
        try {
            long now = timers.nanoTime();
            expire(now);
            long pos = reserve(len);
            ByteBuffer s = slab(pos);
            int o = (int) (pos % SLAB);
            s.putInt(o, len);
            s.putLong(o + 4, now + waitNanos);
            s.putInt(o + 12, hash);
            o = putKey(s, o + HEAD, key);
            o = putAddress(s, o, remote, hop.remote().getPort());
            o = putAddress(s, o, local, hop.local() == null ? -1 : hop.local().getPort());
            s.putInt(o, octets.length);
            s.put(o + 4, octets);
            index.add(hash, pos);
            if (sweep == null) {
                sweep = timers.schedule(Duration.ofNanos(waitNanos), this::sweep);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a retransmitted request needs: the response to send again and where.
     *
     * @param hop where it goes
     * @param octets the response; empty when retransmissions are only absorbed (an INVITE's)
     */
    record Kept(Hop hop, byte[] octets) {
    }

    /**
     * @param key the key of an incoming request
     * @return the kept response when a waiting transaction has that key, else null
     */
    Kept find(ServerKey.Rfc3261 key) {
        int hash = spread(key.hashCode());
        lock.lock();
        try {
            // no expiry here: the sweep frees records on time, and this runs for every new request
            return index.find(hash, pos -> read(pos, key));
        } finally {
            lock.unlock();
        }
    }

    /** @return how many transactions wait here */
    int size() {
        return (int) locked(index::size);
    }

    /** @return how many records left before their time because the ring was full */
    long evicted() {
        return locked(() -> evicted);
    }

    /** @return how many slabs were ever allocated: with reuse, about the records' peak need and {@link #READY} */
    long slabsMade() {
        return locked(() -> slabsMade);
    }

    /** @return how many slabs wait, ready for the tail */
    int spareSlabs() {
        return (int) locked(spare::size);
    }

    private long locked(LongSupplier field) {
        lock.lock();
        try {
            return field.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    private void sweep() {
        lock.lock();
        try {
            sweep = null;
            expire(timers.nanoTime());
            if (index.size() > 0) {
                long due = slab(head).getLong((int) (head % SLAB) + 4);
                sweep = timers.schedule(Duration.ofNanos(Math.max(0, due - timers.nanoTime())), this::sweep);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frees every record at the head whose time has come. */
    private void expire(long now) {
        while (index.size() > 0) {
            skipPadding();
            if (slab(head).getLong((int) (head % SLAB) + 4) - now > 0) {
                return;
            }
            dropHead();
        }
        moveHead(tail);
    }

    /**
     * Frees room for a record of {@code len} octets: the oldest records go until the slab the
     * record ends in is the head's own slab or lies in another slot of the ring. A slot is one
     * physical slab for every slab number that maps to it, so the tail must never write in the
     * slot the head is still reading: when the head left it, it would set the slab aside as
     * spare with the tail's records in it, and the slot would get another slab.
     *
     * @return where the record goes
     */
    private long reserve(int len) {
        int room = SLAB - (int) (tail % SLAB);
        int padding = room < len ? room : 0;
        long last = tail + padding + len - 1;
        while (last / SLAB - head / SLAB >= slabs.length) {
            if (index.size() == 0) {
                moveHead(tail + padding); // nothing left: the head starts at the new record
                break;
            }
            skipPadding();
            dropHead();
            evicted++;
        }
        if (padding >= 4 && head <= tail) {
            slab(tail).putInt((int) (tail % SLAB), SKIP);
        }
        tail += padding;
        long pos = tail;
        tail += len;
        return pos;
    }

    /** Moves the head past an unused slab end. */
    private void skipPadding() {
        int room = SLAB - (int) (head % SLAB);
        if (room < 4 || slab(head).getInt((int) (head % SLAB)) == SKIP) {
            moveHead(head + room);
        }
    }

    private void dropHead() {
        ByteBuffer s = slab(head);
        int o = (int) (head % SLAB);
        index.remove(s.getInt(o + 12), head);
        moveHead(head + s.getInt(o));
    }

    /** Moves the head forward, setting aside every slab it leaves (none holds a record now). */
    private void moveHead(long to) {
        for (long n = head / SLAB; n < to / SLAB; n++) {
            int i = (int) (n % slabs.length);
            if (slabs[i] != null) {
                if (spare.size() < MAX_SPARE) {
                    spare.push(slabs[i]); // beyond that, the collector frees the slab's memory
                }
                slabs[i] = null;
            }
        }
        head = to;
    }

    /** @return the slab of {@code pos}, taking a spare one (or a new one) for a slot not in use */
    private ByteBuffer slab(long pos) {
        int i = (int) ((pos / SLAB) % slabs.length);
        ByteBuffer s = slabs[i];
        if (s == null) {
            s = spare.poll();
            if (s == null) {
                s = ByteBuffer.allocateDirect(SLAB);
                slabsMade++;
            }
            slabs[i] = s;
            if (spare.size() < READY / 2 && !making) {
                making = true;
                try {
                    maker.execute(this::makeSpares);
                } catch (RuntimeException | OutOfMemoryError e) { // no maker, or no thread for it: the callers allocate
                    making = false;
                }
            }
        }
        return s;
    }

    /** Makes slabs until {@link #READY} are spare, allocating each without the lock held. */
    private void makeSpares() {
        ByteBuffer made = null;
        try {
            while (true) {
                lock.lock();
                try {
                    if (made != null) {
                        spare.push(made);
                        slabsMade++;
                    }
                    if (spare.size() >= READY) {
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                made = ByteBuffer.allocateDirect(SLAB);
            }
        } catch (OutOfMemoryError e) {
            // direct memory spent: the callers allocate (and fail) themselves
        } finally {
            lock.lock();
            try {
                making = false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return the record at {@code pos} as a {@link Kept} when its key is {@code key}, else null */
    private Kept read(long pos, ServerKey.Rfc3261 key) {
        ByteBuffer s = slab(pos);
        int o = (int) (pos % SLAB) + HEAD;
        for (String part : new String[] {key.branch(), key.sentBy(), key.method()}) {
            int n = s.getShort(o) & 0xffff;
            if (n != part.length()) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (s.get(o + 2 + i) != part.charAt(i)) {
                    return null;
                }
            }
            o += 2 + n;
        }
        InetSocketAddress remote = address(s, o);
        o += 1 + s.get(o) + 2;
        InetSocketAddress local = address(s, o);
        o += 1 + s.get(o) + 2;
        byte[] octets = new byte[s.getInt(o)];
        s.get(o + 4, octets);
        return new Kept(new Hop("UDP", remote, local), octets);
    }

    /** @return the hash with its high bits mixed into the low ones the index uses */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    /** @return whether the address is an IPv6 one with a scope (link-local with an interface) */
    private static boolean scoped(InetSocketAddress a) {
        return a != null && a.getAddress() instanceof Inet6Address v6 && v6.getScopeId() != 0;
    }

    /** @return the octets the key takes in a record, or -1 when a part is not ASCII */
    private static int keyLength(ServerKey.Rfc3261 key) {
        int n = 0;
        for (String part : new String[] {key.branch(), key.sentBy(), key.method()}) {
            for (int i = 0; i < part.length(); i++) {
                if (part.charAt(i) >= 0x80) {
                    return -1;
                }
            }
            n += 2 + part.length();
        }
        return n;
    }

    private static int putKey(ByteBuffer s, int o, ServerKey.Rfc3261 key) {
        for (String part : new String[] {key.branch(), key.sentBy(), key.method()}) {
            s.putShort(o, (short) part.length());
            for (int i = 0; i < part.length(); i++) {
                s.put(o + 2 + i, (byte) part.charAt(i));
            }
            o += 2 + part.length();
        }
        return o;
    }

    private static InetSocketAddress address(ByteBuffer s, int o) {
        int n = s.get(o);
        if (n == 0) {
            return null;
        }
        byte[] addr = new byte[n];
        s.get(o + 1, addr);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), s.getShort(o + 1 + n) & 0xffff);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored address of " + n + " octets", e);
        }
    }

    private static int putAddress(ByteBuffer s, int o, byte[] addr, int port) {
        s.put(o, (byte) addr.length);
        s.put(o + 1, addr);
        s.putShort(o + 1 + addr.length, (short) port);
        return o + 1 + addr.length + 2;
    }
}
