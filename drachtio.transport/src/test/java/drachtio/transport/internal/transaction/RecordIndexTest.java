package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordIndexTest {

    @Test
    void findsEveryPositionAddedUntilItIsRemovedUnderAnyMixOfOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            RecordIndex index = new RecordIndex();
            Map<Long, Integer> model = new HashMap<>();
            List<Long> live = new ArrayList<>();
            long next = 0;
            // few distinct hashes in some seeds, so runs of equal and colliding hashes are long
            int hashes = seed % 2 == 0 ? 50 : Integer.MAX_VALUE;
            for (int op = 0; op < 20_000; op++) {
                if (live.isEmpty() || rnd.nextInt(3) > 0) {
                    long pos = next;
                    next += 1 + rnd.nextInt(700);
                    int hash = hashes == Integer.MAX_VALUE ? rnd.nextInt() : rnd.nextInt(hashes) * 0x9E3779B1;
                    index.add(hash, pos);
                    model.put(pos, hash);
                    live.add(pos);
                } else {
                    long pos = live.remove(rnd.nextInt(live.size()));
                    int hash = model.remove(pos);
                    index.remove(hash, pos);
                    assertThat(index.<Long>find(hash, p -> p == pos ? Long.valueOf(p) : null)).isNull();
                }
                assertThat(index.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                long pos = e.getKey();
                assertThat(index.<Long>find(e.getValue(), p -> p == pos ? Long.valueOf(p) : null)).as("seed %d", seed).isEqualTo(pos);
            }
        }
    }

    @Test
    void findGoesPastEntriesTheProbeDeclines() {
        RecordIndex index = new RecordIndex();
        for (long pos = 0; pos < 10; pos++) {
            index.add(42, pos * 100);
        }
        assertThat(index.<String>find(42, p -> p == 700 ? "seventh" : null)).isEqualTo("seventh");
        assertThat(index.<String>find(42, p -> null)).isNull();
        assertThat(index.<String>find(43, p -> "any")).isNull();
    }

    @Test
    void removingAnAbsentPositionChangesNothing() {
        RecordIndex index = new RecordIndex();
        index.add(7, 1);
        index.remove(7, 2);
        index.remove(8, 1);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.<Long>find(7, Long::valueOf)).isEqualTo(1L);
    }
}
