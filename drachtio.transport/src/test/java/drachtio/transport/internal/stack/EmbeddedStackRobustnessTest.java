package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;
import drachtio.testkit.Sipp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input while sipp places real calls: garbage datagrams, an oversize message, a TCP
 * peer sending one byte at a time, and a crowd of TCP connections that say nothing. The calls
 * must all succeed.
 */
class EmbeddedStackRobustnessTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final int MAX_MESSAGE = 8192;

    private SipStack stack;
    private AnsweringApp app;
    private InetSocketAddress udp;
    private InetSocketAddress tcp;

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() {
        app = new AnsweringApp();
        stack = SipStacks.provider("embedded").create(StackConfig.builder().listen(Listen.udp("127.0.0.1", 0))
                .listen(Listen.tcp("127.0.0.1", 0)).t1(Duration.ofMillis(100)).maxMessageSize(MAX_MESSAGE).build());
        for (Listen l : stack.start(app)) {
            InetSocketAddress a = new InetSocketAddress("127.0.0.1", l.port());
            if (l.transport().equals("UDP")) {
                udp = a;
            } else {
                tcp = a;
            }
        }
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private static String options(String branch) {
        return "OPTIONS sip:ping@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK" + branch + "\r\n"
                + "From: <sip:slowpoke@127.0.0.1>;tag=1\r\nTo: <sip:ping@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private CompletableFuture<Sipp.Result> sipp(String transport, InetSocketAddress target) {
        return Sipp.start(RUN_LIMIT, "-sn", "uac", "127.0.0.1:" + target.getPort(), "-t", transport, "-m", "60",
                "-r", "20", "-d", "100");
    }

    @Test
    void validCallsSucceedWhileHostilePeersDoTheirWorst() throws Exception {
        CompletableFuture<Sipp.Result> udpCalls = sipp("u1", udp);
        CompletableFuture<Sipp.Result> tcpCalls = sipp("t1", tcp);

        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            silent.add(new Socket(tcp.getAddress(), tcp.getPort()));
        }
        Random random = new Random(4475);
        try (DatagramChannel garbage = DatagramChannel.open()) {
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                if (i % 3 == 0) {
                    System.arraycopy("INVITE sip:x@y SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII), 0, junk, 0,
                            Math.min(junk.length, 24));
                }
                garbage.send(ByteBuffer.wrap(junk), udp);
            }
            String huge = options("huge").replace("Max-Forwards", "X-Pad: " + "x".repeat(MAX_MESSAGE * 2)
                    + "\r\nMax-Forwards").replace("TCP 127.0.0.1:9", "UDP 127.0.0.1:9");
            garbage.send(ByteBuffer.wrap(huge.getBytes(StandardCharsets.US_ASCII)), udp);
        }

        String reply;
        try (Socket slow = new Socket(tcp.getAddress(), tcp.getPort())) {
            slow.setSoTimeout(20_000);
            OutputStream out = slow.getOutputStream();
            for (byte b : options("onebyte").getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(2);
            }
            reply = readResponse(slow.getInputStream());
        }
        assertThat(reply).startsWith("SIP/2.0 200 ").contains("z9hG4bKonebyte");

        Sipp.Result u = udpCalls.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        Sipp.Result t = tcpCalls.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(u.allSucceeded()).as(u.output()).isTrue();
        assertThat(t.allSucceeded()).as(t.output()).isTrue();
        assertThat(u.count("Successful call")).isEqualTo(60);
        assertThat(t.count("Successful call")).isEqualTo(60);
        for (Socket s : silent) {
            s.close();
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024];
        while (!buf.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            buf.write(chunk, 0, n);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }
}
