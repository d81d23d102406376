package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One socket, many senders: nobody waits for another, every datagram leaves once, in each sender's order. */
class CombinedSenderTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5070);
    private final List<String> wire = new CopyOnWriteArrayList<>();

    private static byte[] d(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aLoneSenderSendsItselfAndGetsTheSocketsRefusal() throws IOException {
        CombinedSender s = new CombinedSender((b, to) -> {
            if (new String(b, java.nio.charset.StandardCharsets.US_ASCII).equals("bad")) {
                throw new IOException("refused");
            }
            wire.add(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
        });

        s.send(d("a"), PEER);
        s.send(d("b"), PEER);
        assertThatThrownBy(() -> s.send(d("bad"), PEER)).isInstanceOf(IOException.class).hasMessage("refused");
        assertThatThrownBy(() -> s.sendOwn(d("bad"), PEER)).isInstanceOf(IOException.class);
        s.send(d("c"), PEER);

        assertThat(wire).containsExactly("a", "b", "c");
        assertThat(s.handedOver()).isZero();
    }

    /** A wire that records what it sends, blocks on "slow" until released and refuses "bad". */
    private final class GatedWire implements CombinedSender.Wire {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch goOn = new CountDownLatch(1);

        @Override
        public void send(byte[] b, InetSocketAddress to) throws IOException {
            String text = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            if (text.equals("slow")) {
                inside.countDown();
                try {
                    goOn.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            if (text.equals("bad")) {
                throw new IOException("no route");
            }
            wire.add(text + "@" + Thread.currentThread().getName());
        }

        /** Starts a thread named holder that sends "slow" and waits until it holds the socket. */
        Thread holding(CombinedSender s) throws InterruptedException {
            Thread holder = Thread.ofPlatform().name("holder").start(() -> {
                try {
                    s.send(d("slow"), PEER);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            return holder;
        }
    }

    @Test
    void aSenderThatFindsTheSocketBusyReturnsAtOnceAndTheBusyOneSendsItsDatagram() throws Exception {
        GatedWire gated = new GatedWire();
        CombinedSender s = new CombinedSender(gated);
        Thread holder = gated.holding(s);

        // the socket is held: these return without waiting and nothing is sent yet
        s.send(d("x"), PEER);
        s.send(d("y"), PEER);
        assertThat(wire).isEmpty();
        assertThat(s.handedOver()).isEqualTo(2);

        gated.goOn.countDown();
        holder.join(5000);
        assertThat(wire).containsExactly("slow@holder", "x@holder", "y@holder");
    }

    @Test
    void aHandedOverDatagramTheSocketRefusesIsCountedAndTheRestStillGo() throws Exception {
        GatedWire gated = new GatedWire();
        CombinedSender s = new CombinedSender(gated);
        Thread holder = gated.holding(s);
        s.send(d("bad"), PEER);
        s.send(d("z"), PEER);
        gated.goOn.countDown();
        holder.join(5000);

        assertThat(wire).containsExactly("slow@holder", "z@holder");
        assertThat(s.failed()).isEqualTo(1);
    }

    @Test
    void manyThreadsNeverShareTheSocketAndEveryDatagramLeavesOnceInItsSendersOrder() throws Exception {
        int threads = 8;
        int each = 20_000;
        AtomicInteger insideNow = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>());
        }
        CombinedSender s = new CombinedSender((b, to) -> {
            if (insideNow.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int t = b[0];
            int n = ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            seen.get(t).add(n); // only one thread is ever here
            insideNow.decrementAndGet();
        });
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            byte id = (byte) t;
            started.add(Thread.ofVirtual().start(() -> {
                for (int n = 0; n < each; n++) {
                    try {
                        s.send(new byte[] {id, (byte) (n >> 16), (byte) (n >> 8), (byte) n}, PEER);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }));
        }
        for (Thread t : started) {
            t.join(30_000);
        }

        assertThat(overlaps).hasValue(0);
        for (int t = 0; t < threads; t++) {
            List<Integer> got = seen.get(t);
            assertThat(got).as("thread %d", t).hasSize(each);
            for (int n = 0; n < each; n++) {
                if (got.get(n) != n) {
                    assertThat(got.get(n)).as("thread %d datagram %d", t, n).isEqualTo(n);
                }
            }
        }
    }
}
