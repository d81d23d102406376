package drachtio.transport.internal.transaction;

import java.util.function.LongFunction;

/**
 * The index of {@link WaitingServers}: record positions by hash, in primitive arrays only.
 *
 * <p>Open addressing with linear probing, split into {@value #SHARDS} tables chosen by the
 * hash's top bits. A table holds each entry as two adjacent longs (the position + 1, 0 for a
 * free slot, and the hash), so a probe reads one cache line rather than one in each of two
 * arrays. A table doubles on its own when half full: with one table for all, the doubling at
 * a million records rehashed them all at once, holding the ring's lock (and the UDP reader
 * waiting on it) for tens of milliseconds; a shard's doubling moves a sixty-fourth of them.
 *
 * <p>Not thread-safe: {@link WaitingServers} calls it with its lock held.
 */
final class RecordIndex {
    private static final int SHARD_BITS = 6;
    static final int SHARDS = 1 << SHARD_BITS;
    /** Slots per table at first; each slot is two longs. */
    private static final int FIRST_SLOTS = 16;

    private final long[][] tables = new long[SHARDS][];
    private final int[] counts = new int[SHARDS];
    private int size;

    RecordIndex() {
        for (int s = 0; s < SHARDS; s++) {
            tables[s] = new long[2 * FIRST_SLOTS];
        }
    }

    /** @return how many entries there are */
    int size() {
        return size;
    }

    /**
     * @param hash the record's hash (already spread)
     * @param pos the record's position in the ring
     */
    void add(int hash, long pos) {
        int s = hash >>> (Integer.SIZE - SHARD_BITS);
        long[] t = tables[s];
        if ((counts[s] + 1) * 4 > t.length) {
            t = grow(s);
        }
        place(t, hash, pos);
        counts[s]++;
        size++;
    }

    /**
     * The first record with this hash that {@code probe} accepts.
     *
     * @param hash the hash looked for
     * @param probe given a position with that hash, the result for it, or null to go on
     * @param <T> the result type
     * @return the first non-null result, or null
     */
    <T> T find(int hash, LongFunction<T> probe) {
        long[] t = tables[hash >>> (Integer.SIZE - SHARD_BITS)];
        int mask = t.length / 2 - 1;
        for (int i = hash & mask; t[2 * i] != 0; i = (i + 1) & mask) {
            if ((int) t[2 * i + 1] == hash) {
                T found = probe.apply(t[2 * i] - 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Removes the entry of the record at {@code pos}, shifting later entries of its run back
     * so that no probe stops early at the gap.
     *
     * @param hash the record's hash
     * @param pos the record's position
     */
    void remove(int hash, long pos) {
        int s = hash >>> (Integer.SIZE - SHARD_BITS);
        long[] t = tables[s];
        int mask = t.length / 2 - 1;
        int i = hash & mask;
        while (t[2 * i] != pos + 1) {
            if (t[2 * i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        counts[s]--;
        size--;
        int gap = i;
        for (int j = (gap + 1) & mask; t[2 * j] != 0; j = (j + 1) & mask) {
            int home = (int) t[2 * j + 1] & mask;
            // the entry at j may fill the gap unless its home lies cyclically in (gap, j]
            boolean stays = gap <= j ? home > gap && home <= j : home > gap || home <= j;
            if (!stays) {
                t[2 * gap] = t[2 * j];
                t[2 * gap + 1] = t[2 * j + 1];
                gap = j;
            }
        }
        t[2 * gap] = 0;
    }

    private static void place(long[] t, int hash, long pos) {
        int mask = t.length / 2 - 1;
        int i = hash & mask;
        while (t[2 * i] != 0) {
            i = (i + 1) & mask;
        }
        t[2 * i] = pos + 1;
        t[2 * i + 1] = hash;
    }

    private long[] grow(int s) {
        long[] old = tables[s];
        long[] t = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                place(t, (int) old[i + 1], old[i] - 1);
            }
        }
        tables[s] = t;
        return t;
    }
}
