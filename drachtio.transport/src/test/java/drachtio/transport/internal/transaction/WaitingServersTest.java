package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import drachtio.transport.internal.Hop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WaitingServersTest {
    private static final Duration J = Duration.ofSeconds(32);
    private static final Hop V4 = new Hop("UDP", new InetSocketAddress("192.0.2.9", 5070),
            new InetSocketAddress("192.0.2.1", 5060));
    private static final Hop V6 = new Hop("UDP", new InetSocketAddress("2001:db8::9", 5071),
            new InetSocketAddress("2001:db8::1", 5061));

    private final VirtualClock clock = new VirtualClock();
    /** The maker's tasks, held until a test runs them (most never do: callers then allocate). */
    private final List<Runnable> makerTasks = new ArrayList<>();

    private static ServerKey.Rfc3261 key(int i) {
        return new ServerKey.Rfc3261("z9hG4bK" + i, "192.0.2.9:5060", "OPTIONS");
    }

    private static byte[] response(int i, int size) {
        byte[] b = new byte[size];
        byte[] id = ("SIP/2.0 200 OK " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, b, 0, Math.min(id.length, size));
        return b;
    }

    @Test
    void findsTheResponseAndWhereItWentByTheRequestsKey() {
        WaitingServers w = new WaitingServers(clock, J, 64L << 20, makerTasks::add);
        assertThat(w.put(key(1), V4, response(1, 300))).isTrue();
        assertThat(w.put(key(2), V6, response(2, 400))).isTrue();
        WaitingServers.Kept one = w.find(key(1));
        assertThat(one.hop()).isEqualTo(V4);
        assertThat(one.octets()).isEqualTo(response(1, 300));
        assertThat(w.find(key(2)).hop()).isEqualTo(V6);
        assertThat(w.find(key(3))).isNull();
        assertThat(w.find(new ServerKey.Rfc3261("z9hG4bK1", "192.0.2.9:5060", "INFO"))).as("another method").isNull();
        assertThat(w.find(new ServerKey.Rfc3261("z9hG4bK1", "192.0.2.8:5060", "OPTIONS"))).as("another sent-by").isNull();
        assertThat(w.size()).isEqualTo(2);
    }

    @Test
    void everyRecordIsForgottenWhenTimerJRunsOutAndNotBefore() {
        WaitingServers w = new WaitingServers(clock, J, 64L << 20, makerTasks::add);
        w.put(key(1), V4, response(1, 300));
        clock.advanceMillis(10_000);
        w.put(key(2), V4, response(2, 300));
        clock.advanceMillis(21_999);
        assertThat(w.find(key(1))).isNotNull();
        clock.advanceMillis(1);
        assertThat(w.size()).as("the sweep ran at the oldest record's time").isEqualTo(1);
        assertThat(w.find(key(1))).isNull();
        clock.advanceMillis(9_999);
        assertThat(w.find(key(2))).isNotNull();
        clock.advanceMillis(1);
        assertThat(w.size()).isZero();
        assertThat(clock.pending()).as("no sweep left scheduled").isZero();
        assertThat(w.evicted()).isZero();
    }

    @Test
    void aFullRingLetsTheOldestGoFirstAndStaysWithinItsCapacity() {
        WaitingServers w = new WaitingServers(clock, J, WaitingServers.SLAB, makerTasks::add);
        int n = 10_000; // about 3.5 MiB of records through a 256 KiB ring
        for (int i = 0; i < n; i++) {
            assertThat(w.put(key(i), V4, response(i, 300))).isTrue();
        }
        assertThat(w.evicted()).isPositive();
        assertThat(w.size() + w.evicted()).isEqualTo(n);
        assertThat((long) w.size() * 300).isLessThan(WaitingServers.SLAB);
        assertThat(w.find(key(0))).as("the oldest went").isNull();
        for (int i = n - w.size(); i < n; i++) {
            WaitingServers.Kept k = w.find(key(i));
            assertThat(k).as("record %d", i).isNotNull();
            assertThat(k.octets()).isEqualTo(response(i, 300));
        }
    }

    @Test
    void aFullRingThatWrapsIntoTheHeadsSlabKeepsItsRecordsWhileTheMakerAddsSpares() {
        // Found by the load tool blast.c: a 60 s overload filled the ring; the tail went on in
        // the physical slab the head was still leaving, the head then set that slab aside as
        // spare while it held the tail's records, the maker had pushed fresh slabs meanwhile,
        // and the sweep read a zeroed record of length 0 forever, holding the lock the UDP
        // reader needs. The maker's tasks run after every put here, as its thread would.
        for (int slabs = 1; slabs <= 3; slabs++) {
            WaitingServers w = new WaitingServers(clock, J, (long) slabs * WaitingServers.SLAB, makerTasks::add);
            int n = 4_000 * slabs; // several turns of the ring
            for (int i = 0; i < n; i++) {
                assertThat(w.put(key(i), V4, response(i, 300 + i % 700))).isTrue();
                List<Runnable> tasks = new ArrayList<>(makerTasks);
                makerTasks.clear();
                tasks.forEach(Runnable::run);
                if (i % 97 == 0) {
                    clock.advanceMillis(1); // records with distinct times, none expired
                }
            }
            assertThat(w.evicted()).as("%d slabs: the ring was full", slabs).isPositive();
            assertThat(w.size() + w.evicted()).isEqualTo(n);
            for (int i = n - w.size(); i < n; i++) {
                WaitingServers.Kept k = w.find(key(i));
                assertThat(k).as("%d slabs: record %d", slabs, i).isNotNull();
                assertThat(k.octets()).isEqualTo(response(i, 300 + i % 700));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> clock.advanceMillis(J.toMillis()),
                    "the sweep ends");
            assertThat(w.size()).as("%d slabs: all expired", slabs).isZero();
            assertThat(w.put(key(n), V4, response(n, 300))).isTrue();
            assertThat(w.find(key(n)).octets()).isEqualTo(response(n, 300));
        }
    }

    @Test
    void recordsThatDoNotFitASlabOrHaveANonAsciiKeyAreRefused() {
        WaitingServers w = new WaitingServers(clock, J, 4L << 20, makerTasks::add);
        assertThat(w.put(key(1), V4, new byte[WaitingServers.SLAB])).isFalse();
        assertThat(w.put(new ServerKey.Rfc3261("z9hG4bK\u00e9", "h:5060", "OPTIONS"), V4, new byte[10])).isFalse();
        assertThat(w.size()).isZero();
    }

    @Test
    void behavesLikeAMapWithExpiryUnderAnyMixOfPutsFindsAndTime() {
        // ops: 0-59 put key n, 60-89 find key n, 90-99 advance the clock by n seconds
        qt().withExamples(200).forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 300),
                lists().of(integers().between(0, 40)).ofSizeBetween(300, 300)).checkAssert((ops, args) -> {
            VirtualClock c = new VirtualClock();
            WaitingServers w = new WaitingServers(c, J, 64L << 20, makerTasks::add);
            Map<Integer, Long> expiry = new HashMap<>();
            long now = 0;
            for (int i = 0; i < ops.size(); i++) {
                int op = ops.get(i);
                int n = args.get(i);
                if (op < 60) {
                    if (expiry.containsKey(n) && expiry.get(n) > now) {
                        continue; // a live key is never put twice: the layer finds it first
                    }
                    w.put(key(n), n % 2 == 0 ? V4 : V6, response(n, 100 + n * 37));
                    expiry.put(n, now + J.toMillis());
                } else if (op < 90) {
                    boolean live = expiry.containsKey(n) && expiry.get(n) > now;
                    WaitingServers.Kept k = w.find(key(n));
                    assertThat(k != null).as("key %d at %d ms", n, now).isEqualTo(live);
                    if (k != null) {
                        assertThat(k.octets()).isEqualTo(response(n, 100 + n * 37));
                        assertThat(k.hop()).isEqualTo(n % 2 == 0 ? V4 : V6);
                    }
                } else {
                    c.advanceMillis(n * 1000L);
                    now += n * 1000L;
                }
            }
            long finalNow = now;
            long live = expiry.values().stream().filter(t -> t > finalNow).count();
            assertThat(w.size()).as("expired records are gone by the sweep").isEqualTo((int) live);
            assertThat(w.evicted()).isZero();
        });
    }

    @Test
    void survivesManyTurnsOfTheRingWithTheIndexIntact() {
        WaitingServers w = new WaitingServers(clock, Duration.ofSeconds(1), 2L << 20, makerTasks::add);
        List<Integer> sizes = List.of(120, 900, 4000, 65_000, 333);
        int id = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 40; i++, id++) {
                w.put(key(id), V4, response(id, sizes.get(id % sizes.size())));
            }
            for (int i = id - 40; i < id; i++) {
                assertThat(w.find(key(i))).as("record %d", i).isNotNull();
            }
            clock.advanceMillis(1000);
            assertThat(w.size()).isZero();
        }
        assertThat(w.evicted()).as("560 KiB a round, 28 MiB through a 2 MiB ring").isZero();
    }

    @Test
    void slabsTheOldestRecordsLeftAreReusedSoMemoryFollowsTheRecordsNotTheRing() {
        WaitingServers w = new WaitingServers(clock, Duration.ofSeconds(1), 64L << 20, makerTasks::add);
        for (int round = 0, id = 0; round < 100; round++) {
            for (int i = 0; i < 40; i++, id++) {
                w.put(key(id), V4, response(id, 1000));
            }
            clock.advanceMillis(1000);
        }
        // 4 MB went through; at most about 40 KB ever waited at once
        assertThat(w.slabsMade()).isLessThanOrEqualTo(2);
        assertThat(w.size()).isZero();
    }

    @Test
    void theMakerPreparesSlabsAheadSoTheWriterStopsAllocatingThem() {
        WaitingServers w = new WaitingServers(clock, J, 64L << 20, makerTasks::add);
        w.put(key(0), V4, response(0, 1000));
        assertThat(w.slabsMade()).isEqualTo(1); // none spare yet: the writer made its own
        assertThat(makerTasks).hasSize(1);
        makerTasks.removeFirst().run();
        assertThat(w.spareSlabs()).isEqualTo(WaitingServers.READY);
        assertThat(w.slabsMade()).isEqualTo(1 + WaitingServers.READY);
        // records until the spares run low: all slabs taken from them, then one more task asked for
        int perSlab = WaitingServers.SLAB / 1100;
        int id = 1;
        for (; id <= perSlab * WaitingServers.READY && makerTasks.isEmpty(); id++) {
            assertThat(w.put(key(id), V4, response(id, 1000))).isTrue();
        }
        assertThat(makerTasks).hasSize(1);
        assertThat(w.spareSlabs()).isEqualTo(WaitingServers.READY / 2 - 1);
        assertThat(w.slabsMade()).isEqualTo(1 + WaitingServers.READY);
        // while that task waits, using up every spare asks for no second one
        for (int more = 0; more < perSlab * WaitingServers.READY; more++, id++) {
            w.put(key(id), V4, response(id, 1000));
        }
        assertThat(makerTasks).hasSize(1);
        assertThat(w.spareSlabs()).isZero();
        long made = w.slabsMade();
        makerTasks.removeFirst().run();
        assertThat(w.spareSlabs()).isEqualTo(WaitingServers.READY);
        assertThat(w.slabsMade()).isEqualTo(made + WaitingServers.READY);
        assertThat(w.find(key(id - 1))).isNotNull();
        assertThat(w.find(key(0))).isNotNull();
    }

    @Test
    void aMakerThatRefusesLeavesTheWriterAllocatingItsOwnSlabs() {
        WaitingServers w = new WaitingServers(clock, J, 64L << 20, task -> {
            throw new RejectedExecutionException("shut down");
        });
        int perSlab = WaitingServers.SLAB / 1100;
        for (int id = 0; id < perSlab * 3; id++) {
            assertThat(w.put(key(id), V4, response(id, 1000))).isTrue();
        }
        assertThat(w.slabsMade()).isBetween(3L, 4L);
        assertThat(w.spareSlabs()).isZero();
        assertThat(w.size()).isEqualTo(perSlab * 3);
    }
}
