package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import drachtio.parser.SipParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * uac().invite(...): the ACK for the 2xx is not sent on the thread that delivered the 2xx, the
 * UDP listener's reader. When the 2xx's Contact asks for TCP and the connection is slow to open,
 * a reader that sent the ACK would wait for it, and the listener would take in nothing meanwhile.
 */
class AckOffTheReaderTest {
    private final App client = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build());
    private final List<Socket> fillers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        client.close();
        for (Socket s : fillers) {
            s.close();
        }
    }

    @Test
    void theAckForA2xxDoesNotStallTheUdpListener() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket slow = new ServerSocket(0, 1, lo); DatagramSocket uas = new DatagramSocket(0, lo)) {
            // a TCP peer that never accepts: once its backlog is full, connects to it hang
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(new InetSocketAddress(lo, slow.getLocalPort()), 300);
                } catch (java.io.IOException e) {
                    // backlog full already
                }
            }
            int clientPort = client.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0)).getFirst().port();
            Thread.ofVirtual().start(() -> client.uac().invite("sip:bob@127.0.0.1:" + uas.getLocalPort(), Parts.NONE));

            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            uas.setSoTimeout(5_000);
            uas.receive(p);
            SipRequest invite = (SipRequest) SipParser.create().parseDatagram(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            SipResponse ok = SipResponse.replyTo(invite, 200)
                    .setHeader("To", invite.header("To").orElseThrow() + ";tag=uas")
                    .header("Contact", "<sip:bob@127.0.0.1:" + slow.getLocalPort() + ";transport=tcp>").build();
            byte[] okBytes = ok.toBytes();
            uas.send(new DatagramPacket(okBytes, okBytes.length, p.getSocketAddress()));

            // right after, an unrelated request to the same listener
            String options = "OPTIONS sip:drachtio@127.0.0.1:" + clientPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + uas.getLocalPort() + ";branch=z9hG4bK-stall-1\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:drachtio@127.0.0.1>\r\n"
                    + "Call-ID: stall-probe@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] o = options.getBytes(StandardCharsets.US_ASCII);
            long sentAt = System.nanoTime();
            uas.send(new DatagramPacket(o, o.length, new InetSocketAddress(lo, clientPort)));

            long answeredAfter = -1;
            long deadline = sentAt + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket r = new DatagramPacket(buf, buf.length);
                uas.setSoTimeout(500);
                try {
                    uas.receive(r);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                String text = new String(r.getData(), 0, r.getLength(), StandardCharsets.US_ASCII);
                if (text.startsWith("SIP/2.0") && text.contains("stall-probe")) {
                    answeredAfter = Duration.ofNanos(System.nanoTime() - sentAt).toMillis();
                    break;
                }
            }
            assertThat(answeredAfter).as("ms until the listener answered the OPTIONS").isBetween(0L, 1_000L);
        }
    }
}
