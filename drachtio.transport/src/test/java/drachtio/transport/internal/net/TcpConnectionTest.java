package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.transport.internal.net.NetCounters.CloseReason;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpConnectionTest {
    private static final long MS = 1_000_000L;

    @Test
    void inboundConnectionMustDeliverAMessageBeforeTheDeadline() throws Exception {
        List<CloseReason> closed = new ArrayList<>();
        try (SocketChannel ch = SocketChannel.open()) {
            InetSocketAddress a = new InetSocketAddress(NetFixture.loopback(), 1);
            TcpConnection in = new TcpConnection(ch, a, a, true, (c, why) -> closed.add(why));
            TcpConnection out = new TcpConnection(ch, a, a, false, (c, why) -> closed.add(why));
            long now = TcpConnection.stamp();
            assertThat(in.overdue(now, 1000 * MS, 100 * MS, 50 * MS)).isNull();
            assertThat(in.overdue(now + 200 * MS, 1000 * MS, 100 * MS, 50 * MS)).isEqualTo(CloseReason.DEADLINE);
            assertThat(out.overdue(now + 200 * MS, 1000 * MS, 100 * MS, 50 * MS)).isNull();
            assertThat(out.overdue(now + 2000 * MS, 1000 * MS, 100 * MS, 50 * MS)).isEqualTo(CloseReason.IDLE);

            out.close(CloseReason.IDLE);
            out.close(CloseReason.PEER);
            assertThat(closed).containsExactly(CloseReason.IDLE);
            assertThat(out.isOpen()).isFalse();
        }
    }

    @Test
    void pendingHeadKeepsThePrefixOfTheUnframedMessage() {
        PendingHead h = new PendingHead();
        byte[] first = "AAAABBBB".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        h.feed(first, 0, first.length);
        h.consumedTo(4);
        assertThat(new String(h.bytes(), 0, h.length(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("BBBB");
        byte[] big = new byte[PendingHead.CAPACITY * 2];
        h.feed(big, 0, big.length);
        assertThat(h.length()).isEqualTo(PendingHead.CAPACITY);
        assertThat(h.fed()).isEqualTo(8 + big.length);
        h.consumedTo(h.fed());
        assertThat(h.length()).isZero();
    }
}
