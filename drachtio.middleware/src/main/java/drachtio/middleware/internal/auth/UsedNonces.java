package drachtio.middleware.internal.auth;

/**
 * The used nonces of {@link Nonces}, in the order of their first use, with the highest nonce
 * count seen for each, held in primitive arrays only.
 *
 * <p>Why not a map of objects: a registrar at 12,000 REGISTERs/s remembers each nonce for
 * seconds (100,000 of them by default), so with a {@code LinkedHashMap} every young collection
 * copied about 16 MB of nonce strings, entries and counters that were still remembered, and
 * scanned the old map's cards that pointed at them: pauses of 40-140 ms against 13-18 ms without
 * them (docs/PERFORMANCE.md, session 9). Here a nonce is its issue time and eight of its random
 * octets, kept in a ring of three {@code long} arrays, found through an open-addressing table of
 * ring slots; nothing per nonce reaches the collector.
 *
 * <p>A nonce is known by its issue time and 64 random bits. Two nonces of ours alike in both
 * (which the MAC already checked) would at worst make the second one look used: its client
 * gets a stale challenge and retries with a fresh nonce.
 *
 * <p>The ring grows by doubling up to {@code cap} entries; the caller drops the oldest before
 * adding when it is full. Not thread-safe: {@link Nonces} calls it with its lock held.
 */
final class UsedNonces {
    private static final int FIRST = 64;

    private final int cap;
    private long[] issued;
    private long[] random;
    private long[] counts;
    /** Ring slot + 1 by hash of the random bits, 0 when free; at most half full. */
    private int[] index;
    private int head;
    private int size;

    /** @param cap the most entries it may hold (at least 1) */
    UsedNonces(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1: " + cap);
        }
        this.cap = cap;
        int n = Math.min(FIRST, cap);
        issued = new long[n];
        random = new long[n];
        counts = new long[n];
        index = new int[indexLength(n)];
    }

    /** @return how many nonces are remembered */
    int size() {
        return size;
    }

    /** @return whether {@code cap} nonces are remembered, so the oldest must go before another is added */
    boolean full() {
        return size == cap;
    }

    /** @return the issue time of the oldest remembered nonce; only when {@link #size()} > 0 */
    long oldestIssued() {
        return issued[head];
    }

    /**
     * @param time the nonce's issue time
     * @param bits eight of its random octets
     * @return the ring slot that remembers it, or -1
     */
    int find(long time, long bits) {
        int mask = index.length - 1;
        for (int i = home(bits, mask); index[i] != 0; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (random[slot] == bits && issued[slot] == time) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * @param slot a slot {@link #find} returned
     * @return the highest nonce count seen there
     */
    long count(int slot) {
        return counts[slot];
    }

    /**
     * @param slot a slot {@link #find} returned
     * @param nc the new highest nonce count
     */
    void count(int slot, long nc) {
        counts[slot] = nc;
    }

    /**
     * Remembers a nonce not remembered yet, as the newest.
     *
     * @param time its issue time
     * @param bits eight of its random octets
     * @param nc the nonce count it came with
     * @throws IllegalStateException when {@code cap} nonces are remembered already
     */
    void add(long time, long bits, long nc) {
        if (full()) {
            throw new IllegalStateException("full: drop the oldest first");
        }
        if (size == issued.length) {
            grow();
        }
        int slot = (head + size) % issued.length;
        issued[slot] = time;
        random[slot] = bits;
        counts[slot] = nc;
        place(slot);
        size++;
    }

    /** Forgets the oldest remembered nonce; only when {@link #size()} > 0. */
    void removeOldest() {
        int mask = index.length - 1;
        int i = home(random[head], mask);
        while (index[i] != head + 1) {
            i = (i + 1) & mask;
        }
        // backward shift: pull later entries of the probe run into the gap so lookups need no tombstones
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int h = home(random[index[j] - 1], mask);
            boolean stays = i <= j ? i < h && h <= j : i < h || h <= j;
            if (!stays) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
        head = (head + 1) % issued.length;
        size--;
    }

    private void grow() {
        int n = (int) Math.min(cap, 2L * issued.length);
        long[] t = new long[n];
        long[] r = new long[n];
        long[] c = new long[n];
        for (int k = 0; k < size; k++) {
            int from = (head + k) % issued.length;
            t[k] = issued[from];
            r[k] = random[from];
            c[k] = counts[from];
        }
        issued = t;
        random = r;
        counts = c;
        head = 0;
        index = new int[indexLength(n)];
        for (int k = 0; k < size; k++) {
            place(k);
        }
    }

    private void place(int slot) {
        int mask = index.length - 1;
        int i = home(random[slot], mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** @return a power of two at least twice {@code n}, so the index stays at most half full */
    private static int indexLength(int n) {
        return Integer.highestOneBit(Math.max(1, n - 1)) << 2;
    }

    private static int home(long bits, int mask) {
        // the bits are random already; the multiply only spreads them when a caller's are not
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
