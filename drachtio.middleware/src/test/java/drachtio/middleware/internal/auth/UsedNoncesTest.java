package drachtio.middleware.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UsedNoncesTest {
    private record Key(long time, long bits) {
    }

    /**
     * Random adds, count updates, lookups and drops of the oldest, checked after every step
     * against a LinkedHashMap in insertion order. With few distinct random bits many keys share
     * a home slot, so long probe runs are built, wrapped around the table and cut by removals.
     */
    @Test
    void behavesLikeAnInsertionOrderedMapUnderRandomUse() {
        for (int cap : new int[] {1, 3, 64, 100, 1_000}) {
            for (long seed = 1; seed <= 10; seed++) {
                for (int distinctBits : new int[] {3, Integer.MAX_VALUE}) {
                    run(cap, seed, distinctBits);
                }
            }
        }
    }

    private static void run(int cap, long seed, int distinctBits) {
        SplittableRandom rnd = new SplittableRandom(seed);
        UsedNonces used = new UsedNonces(cap);
        LinkedHashMap<Key, Long> model = new LinkedHashMap<>();
        List<Key> seen = new ArrayList<>();
        String where = "cap " + cap + " seed " + seed + " bits " + distinctBits;
        for (int step = 0; step < 6_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                Key k = new Key(rnd.nextLong(1_000_000), distinctBits == Integer.MAX_VALUE ? rnd.nextLong()
                        : rnd.nextInt(distinctBits));
                if (model.containsKey(k)) {
                    continue;
                }
                if (model.size() == cap) {
                    dropOldest(used, model, where);
                }
                long nc = rnd.nextLong(100);
                used.add(k.time(), k.bits(), nc);
                model.put(k, nc);
                seen.add(k);
            } else if (op < 7 && !model.isEmpty()) {
                dropOldest(used, model, where);
            } else if (!seen.isEmpty()) {
                Key k = seen.get(rnd.nextInt(seen.size()));
                int slot = used.find(k.time(), k.bits());
                Long want = model.get(k);
                if (want == null) {
                    assertThat(slot).as(where).isEqualTo(-1);
                } else {
                    assertThat(slot).as(where).isNotNegative();
                    assertThat(used.count(slot)).as(where).isEqualTo(want);
                    long nc = want + 1 + rnd.nextInt(5);
                    used.count(slot, nc);
                    model.put(k, nc);
                }
            }
            assertThat(used.size()).as(where).isEqualTo(model.size());
        }
        for (Map.Entry<Key, Long> e : model.entrySet()) {
            int slot = used.find(e.getKey().time(), e.getKey().bits());
            assertThat(slot).as(where).isNotNegative();
            assertThat(used.count(slot)).as(where).isEqualTo(e.getValue());
        }
    }

    private static void dropOldest(UsedNonces used, LinkedHashMap<Key, Long> model, String where) {
        Key oldest = model.firstEntry().getKey();
        assertThat(used.oldestIssued()).as(where).isEqualTo(oldest.time());
        used.removeOldest();
        model.pollFirstEntry();
        assertThat(used.find(oldest.time(), oldest.bits())).as(where).isEqualTo(-1);
    }

    @Test
    void keysDifferingOnlyInTimeOrOnlyInRandomBitsAreTwoNonces() {
        UsedNonces used = new UsedNonces(8);
        used.add(1000, 42, 1);
        used.add(1001, 42, 2);
        used.add(1000, 43, 3);
        assertThat(used.count(used.find(1000, 42))).isEqualTo(1);
        assertThat(used.count(used.find(1001, 42))).isEqualTo(2);
        assertThat(used.count(used.find(1000, 43))).isEqualTo(3);
        assertThat(used.find(1001, 43)).isEqualTo(-1);
    }

    @Test
    void refusesToGrowPastItsCap() {
        UsedNonces used = new UsedNonces(2);
        used.add(1, 1, 1);
        used.add(2, 2, 1);
        assertThatThrownBy(() -> used.add(3, 3, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new UsedNonces(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
