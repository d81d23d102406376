package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import drachtio.transport.ListenPoint;
import drachtio.transport.TransportConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UdpListenerBehindTest {
    private static final long BUFFER = 8_000_000;

    @Test
    void aQueuePastThreeQuartersOfTheBufferIsBehindWhetherOrNotItGrew() {
        assertThat(UdpListener.filling(6_000_001, 0, BUFFER)).isTrue();
        assertThat(UdpListener.filling(6_000_001, 7_000_000, BUFFER)).as("draining, but near full").isTrue();
    }

    @Test
    void aQueuePastHalfIsBehindOnlyWhileItGrows() {
        assertThat(UdpListener.filling(5_000_000, 4_500_000, BUFFER)).isTrue();
        assertThat(UdpListener.filling(5_000_000, 5_500_000, BUFFER)).as("draining after a stall").isFalse();
        assertThat(UdpListener.filling(5_000_000, 5_000_000, BUFFER)).as("standing still").isFalse();
    }

    @Test
    void aQueueUnderHalfIsNeverBehind() {
        assertThat(UdpListener.filling(3_999_999, 0, BUFFER)).as("a stall of tens of milliseconds").isFalse();
        assertThat(UdpListener.filling(0, 0, BUFFER)).isFalse();
    }

    @Test
    void aRealSocketNobodyReadsIsBehindUntilItIsDrained() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "the kernel's figures are read on Linux");
        ListenPoint point = ListenPoint.udp("127.0.0.1", 0);
        TransportConfig config = TransportConfig.builder().listen(point).socketReceiveBuffer(256 * 1024).build();
        UdpListener listener = UdpListener.open(point, config);
        try (DatagramSocket peer = new DatagramSocket()) {
            assertThat(listener.behind(0.95)).as("empty").isFalse();
            byte[] payload = new byte[1000];
            // far more than the buffer holds: the queue ends near full, the rest is dropped
            for (int i = 0; i < 1000; i++) {
                peer.send(new DatagramPacket(payload, payload.length, listener.bound()));
            }
            assertThat(listener.behind(0.95)).as("full").isTrue();
            drain(listener);
            assertThat(listener.behind(0.95)).as("drained").isFalse();
        } finally {
            listener.close();
        }
    }

    /** Lets the listener's own reader loop empty the queue, and waits until the kernel shows it empty. */
    private static void drain(UdpListener listener) throws Exception {
        AtomicInteger read = new AtomicInteger();
        Thread reader = Thread.ofPlatform().daemon()
                .start(() -> listener.readLoop((b, n, from, local) -> read.incrementAndGet()));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (KernelQueue.read(listener.bound()).orElseThrow().queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(read.get()).isPositive();
        assertThat(KernelQueue.read(listener.bound()).orElseThrow().queued()).isZero();
        listener.close();
        reader.join(5000);
    }
}
