package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KernelQueueTest {
    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid"
            + "  timeout inode ref pointer drops";

    @Test
    void readsTheQueueAndDropsOfTheRowWithOurAddressAndPort() {
        String row = "15858: 0100007F:DE6B 00000000:0000 07 00000000:00001040 00:00000000 00000000     0        0 "
                + "808378 2 000000002df15219 17";
        assertThat(KernelQueue.parse(row, "0100007F:DE6B", ":DE6B")).contains(new KernelQueue.Reading(0x1040, 17));
        assertThat(KernelQueue.parse(row, "0200007F:DE6B", ":DE6B")).as("another address").isEmpty();
        assertThat(KernelQueue.parse(row, null, ":DE6B")).as("IPv6 table: by port").isPresent();
        assertThat(KernelQueue.parse(row, null, ":DE6C")).isEmpty();
        String mapped = "  0: 0000000000000000FFFF00000100007F:DE6B 00000000000000000000000000000000:0000 07 "
                + "00000000:00000000 00:00000000 00000000     0        0 1 2 0000000000000000 0";
        assertThat(KernelQueue.parse(mapped, "0100007F:DE6B", ":DE6B")).as("v4-mapped in udp6").isPresent();
        assertThat(KernelQueue.parse(HEADER, null, ":DE6B")).isEmpty();
        assertThat(KernelQueue.parse("", null, ":DE6B")).isEmpty();
    }

    @Test
    void seesDatagramsWaitingInARealSocket() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "Linux only");
        try (DatagramSocket idle = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket peer = new DatagramSocket()) {
            InetSocketAddress bound = (InetSocketAddress) idle.getLocalSocketAddress();
            assertThat(KernelQueue.read(bound)).contains(new KernelQueue.Reading(0, 0));
            byte[] b = new byte[200];
            for (int i = 0; i < 5; i++) {
                peer.send(new DatagramPacket(b, b.length, bound));
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            long queued = 0;
            while (queued == 0 && System.nanoTime() < deadline) {
                queued = KernelQueue.read(bound).orElseThrow().queued();
            }
            assertThat(queued).as("five datagrams nobody read").isGreaterThanOrEqualTo(5 * 200);
        }
    }
}
