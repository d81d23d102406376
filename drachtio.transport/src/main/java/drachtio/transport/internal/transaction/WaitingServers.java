package drachtio.transport.internal.transaction;

import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TimerService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

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
 * byte arrays that are allocated once and never scanned by the collector, found through an
 * open-addressing index of primitive arrays.
 *
 * <p>Every record waits the same 64*T1, so records expire in the order they were written:
 * one sweep, scheduled for the oldest record's time, frees the head of the ring. When the
 * ring is full, the oldest records go before their time (counted in {@link #evicted()}): a
 * retransmission of those requests then counts as new, which is what a peer sees from a
 * stateless server. Memory stays within the capacity given, whatever the rate.
 *
 * <p>Thread-safe: one lock, held for a few hundred nanoseconds per call.
 */
final class WaitingServers {
    /**
     * The octets of one slab of the ring; a record never spans two. Under half of G1's
     * smallest region, so that a slab is an ordinary array and not a humongous one that
     * wastes the rest of its regions.
     */
    static final int SLAB = 1 << 18;
    /** Record header: length, expiry, hash. */
    private static final int HEAD = 4 + 8 + 4;
    /** In the length field: the rest of this slab is unused, go on at the next. */
    private static final int SKIP = -1;

    private final ReentrantLock lock = new ReentrantLock();
    private final TimerService timers;
    private final long waitNanos;
    private final byte[][] slabs;
    private final long capacity;
    /** Position (in octets written since the start) of the oldest record, and of the next one. */
    private long head;
    private long tail;
    /** Open addressing, linear probing: the position + 1 of a record (0: free), and its hash. */
    private long[] positions = new long[1024];
    private int[] hashes = new int[1024];
    private int count;
    private long evicted;
    private TimerService.Timer sweep;

    /**
     * @param timers the clock and the scheduler of the sweeps
     * @param wait how long a record waits, 64*T1
     * @param capacity the octets the ring may hold, rounded down to whole slabs (at least one)
     */
    WaitingServers(TimerService timers, Duration wait, long capacity) {
        this.timers = timers;
        this.waitNanos = wait.toNanos();
        int n = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, capacity / SLAB));
        this.slabs = new byte[n][];
        this.capacity = (long) n * SLAB;
    }

    /**
     * Keeps a completed transaction's response for retransmissions of its request.
     *
     * @param key the transaction's RFC 3261 key
     * @param hop where the response went (UDP)
     * @param octets the final response, or none to absorb retransmissions
     * @return false when the record cannot be kept (larger than a slab, or a key that is not
     *     ASCII): the caller keeps the transaction as it is
     */
    boolean put(ServerKey.Rfc3261 key, Hop hop, byte[] octets) {
        int klen = keyLength(key);
        byte[] remote = hop.remote().getAddress().getAddress();
        byte[] local = hop.local() == null ? new byte[0] : hop.local().getAddress().getAddress();
        int len = HEAD + klen + 1 + remote.length + 2 + 1 + local.length + 2 + 4 + octets.length;
        if (klen < 0 || len > SLAB) {
            return false;
        }
        int hash = key.hashCode();
        lock.lock();
        try {
            long now = timers.nanoTime();
            expire(now);
            long pos = reserve(len);
            byte[] s = slab(pos);
            int o = (int) (pos % SLAB);
            o = putInt(s, o, len);
            o = putLong(s, o, now + waitNanos);
            o = putInt(s, o, hash);
            o = putKey(s, o, key);
            o = putAddress(s, o, remote, hop.remote().getPort());
            o = putAddress(s, o, local, hop.local() == null ? -1 : hop.local().getPort());
            putInt(s, o, octets.length);
            System.arraycopy(octets, 0, s, o + 4, octets.length);
            index(hash, pos);
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
        int hash = key.hashCode();
        lock.lock();
        try {
            expire(timers.nanoTime());
            int mask = positions.length - 1;
            for (int i = hash & mask; positions[i] != 0; i = (i + 1) & mask) {
                if (hashes[i] == hash) {
                    Kept kept = read(positions[i] - 1, key);
                    if (kept != null) {
                        return kept;
                    }
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many transactions wait here */
    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many records left before their time because the ring was full */
    long evicted() {
        lock.lock();
        try {
            return evicted;
        } finally {
            lock.unlock();
        }
    }

    private void sweep() {
        lock.lock();
        try {
            sweep = null;
            expire(timers.nanoTime());
            if (count > 0) {
                long due = getLong(slab(head), (int) (head % SLAB) + 4);
                sweep = timers.schedule(Duration.ofNanos(Math.max(0, due - timers.nanoTime())), this::sweep);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Frees every record at the head whose time has come. */
    private void expire(long now) {
        while (count > 0) {
            skipPadding();
            byte[] s = slab(head);
            int o = (int) (head % SLAB);
            if (getLong(s, o + 4) - now > 0) {
                return;
            }
            dropHead();
        }
        head = tail;
    }

    /** @return where a record of {@code len} octets goes, after freeing room for it */
    private long reserve(int len) {
        int room = SLAB - (int) (tail % SLAB);
        int padding = room < len ? room : 0;
        while (tail + padding + len - head > capacity) {
            if (count == 0) {
                head = tail;
                break;
            }
            skipPadding();
            dropHead();
            evicted++;
        }
        if (padding >= 4) {
            putInt(slab(tail), (int) (tail % SLAB), SKIP);
        }
        tail += padding;
        long pos = tail;
        tail += len;
        return pos;
    }

    /** Moves the head past an unused slab end. */
    private void skipPadding() {
        int room = SLAB - (int) (head % SLAB);
        if (room < 4 || getInt(slab(head), (int) (head % SLAB)) == SKIP) {
            head += room;
        }
    }

    private void dropHead() {
        byte[] s = slab(head);
        int o = (int) (head % SLAB);
        unindex(getInt(s, o + 12), head);
        head += getInt(s, o);
    }

    private byte[] slab(long pos) {
        int i = (int) ((pos / SLAB) % slabs.length);
        byte[] s = slabs[i];
        if (s == null) {
            s = new byte[SLAB];
            slabs[i] = s;
        }
        return s;
    }

    /** @return the record at {@code pos} as a {@link Kept} when its key is {@code key}, else null */
    private Kept read(long pos, ServerKey.Rfc3261 key) {
        byte[] s = slab(pos);
        int o = (int) (pos % SLAB) + HEAD;
        for (String part : new String[] {key.branch(), key.sentBy(), key.method()}) {
            int n = getShort(s, o);
            if (n != part.length()) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (s[o + 2 + i] != part.charAt(i)) {
                    return null;
                }
            }
            o += 2 + n;
        }
        InetSocketAddress remote = address(s, o);
        o += 1 + s[o] + 2;
        InetSocketAddress local = address(s, o);
        o += 1 + s[o] + 2;
        int n = getInt(s, o);
        byte[] octets = java.util.Arrays.copyOfRange(s, o + 4, o + 4 + n);
        return new Kept(new Hop("UDP", remote, local), octets);
    }

    private void index(int hash, long pos) {
        if ((count + 1) * 2 > positions.length) {
            grow();
        }
        int mask = positions.length - 1;
        int i = hash & mask;
        while (positions[i] != 0) {
            i = (i + 1) & mask;
        }
        positions[i] = pos + 1;
        hashes[i] = hash;
        count++;
    }

    /** Removes the entry of the record at {@code pos}, shifting later entries of its run back. */
    private void unindex(int hash, long pos) {
        int mask = positions.length - 1;
        int i = hash & mask;
        while (positions[i] != pos + 1) {
            if (positions[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        count--;
        int gap = i;
        for (int j = (gap + 1) & mask; positions[j] != 0; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            // the entry at j may fill the gap unless its home lies cyclically in (gap, j]
            boolean stays = gap <= j ? home > gap && home <= j : home > gap || home <= j;
            if (!stays) {
                positions[gap] = positions[j];
                hashes[gap] = hashes[j];
                gap = j;
            }
        }
        positions[gap] = 0;
    }

    private void grow() {
        long[] oldPositions = positions;
        int[] oldHashes = hashes;
        positions = new long[oldPositions.length * 2];
        hashes = new int[oldHashes.length * 2];
        count = 0;
        for (int i = 0; i < oldPositions.length; i++) {
            if (oldPositions[i] != 0) {
                index(oldHashes[i], oldPositions[i] - 1);
            }
        }
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

    private static int putKey(byte[] s, int o, ServerKey.Rfc3261 key) {
        for (String part : new String[] {key.branch(), key.sentBy(), key.method()}) {
            putShort(s, o, part.length());
            for (int i = 0; i < part.length(); i++) {
                s[o + 2 + i] = (byte) part.charAt(i);
            }
            o += 2 + part.length();
        }
        return o;
    }

    private static InetSocketAddress address(byte[] s, int o) {
        int n = s[o];
        if (n == 0) {
            return null;
        }
        int port = getShort(s, o + 1 + n);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(s, o + 1, o + 1 + n)),
                    port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a stored address of " + n + " octets", e);
        }
    }

    private static int putAddress(byte[] s, int o, byte[] addr, int port) {
        s[o] = (byte) addr.length;
        System.arraycopy(addr, 0, s, o + 1, addr.length);
        putShort(s, o + 1 + addr.length, port);
        return o + 1 + addr.length + 2;
    }

    private static int putShort(byte[] s, int o, int v) {
        s[o] = (byte) (v >>> 8);
        s[o + 1] = (byte) v;
        return o + 2;
    }

    private static int getShort(byte[] s, int o) {
        return (s[o] & 0xff) << 8 | s[o + 1] & 0xff;
    }

    private static int putInt(byte[] s, int o, int v) {
        putShort(s, o, v >>> 16);
        putShort(s, o + 2, v);
        return o + 4;
    }

    private static int getInt(byte[] s, int o) {
        return getShort(s, o) << 16 | getShort(s, o + 2);
    }

    private static int putLong(byte[] s, int o, long v) {
        putInt(s, o, (int) (v >>> 32));
        putInt(s, o + 4, (int) v);
        return o + 8;
    }

    private static long getLong(byte[] s, int o) {
        return (long) getInt(s, o) << 32 | getInt(s, o + 4) & 0xffffffffL;
    }
}
