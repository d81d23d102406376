package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipMessage;
import drachtio.transport.ListenPoint;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.Hop;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Transports on loopback, raw peers and message text for the network tests; stops all it started. */
final class NetFixture implements AutoCloseable {
    static final String LOOPBACK = "127.0.0.1";
    static final Duration WAIT = Duration.ofSeconds(5);

    private final List<NetworkTransport> transports = new ArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();

    /** What a transport passed up. */
    record Received(SipMessage message, Hop hop) {
    }

    /** A transport with its inbound queue. */
    record Running(NetworkTransport net, BlockingQueue<Received> inbox) {
        Received next() throws InterruptedException {
            Received r = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a message within %s", WAIT).isNotNull();
            return r;
        }

        InetSocketAddress udp() {
            return net.localAddress(ListenPoint.Protocol.UDP);
        }

        InetSocketAddress tcp() {
            return net.localAddress(ListenPoint.Protocol.TCP);
        }
    }

    /**
     * @param tweak changes to a config listening on UDP and TCP on 127.0.0.1, ephemeral ports
     * @return the started transport
     */
    Running start(Consumer<TransportConfig.Builder> tweak) {
        return start(config(tweak));
    }

    /**
     * @param tweak changes to a config listening on UDP and TCP on 127.0.0.1, ephemeral ports
     * @return the config
     */
    TransportConfig config(Consumer<TransportConfig.Builder> tweak) {
        TransportConfig.Builder b = TransportConfig.builder().listen(ListenPoint.udp(LOOPBACK, 0))
                .listen(ListenPoint.tcp(LOOPBACK, 0));
        tweak.accept(b);
        return b.build();
    }

    Running start(TransportConfig config) {
        return start(config, m -> { });
    }

    /**
     * @param config the config
     * @param before runs on every message before it is queued; may throw
     * @return the started transport
     */
    Running start(TransportConfig config, Consumer<SipMessage> before) {
        return start(config, before, drachtio.transport.internal.NewRequestGate.OPEN);
    }

    /**
     * @param config the config
     * @param before runs on every message before it is queued; may throw
     * @param gate what lets new requests in
     * @return the started transport
     */
    Running start(TransportConfig config, Consumer<SipMessage> before, drachtio.transport.internal.NewRequestGate gate) {
        BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        NetworkTransport net = NetworkTransport.start(config, (m, h) -> {
            before.accept(m);
            inbox.add(new Received(m, h));
        }, gate);
        transports.add(net);
        return new Running(net, inbox);
    }

    DatagramSocket udpPeer() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout((int) WAIT.toMillis());
        peers.add(s);
        return s;
    }

    Socket tcpPeer(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, 2000);
        s.setSoTimeout((int) WAIT.toMillis());
        peers.add(s);
        return s;
    }

    static void sendTo(DatagramSocket s, InetSocketAddress to, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }

    static String receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** Writes text to a stream, as UTF-8, at once. */
    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** Reads one message (head and Content-Length body) from a stream. */
    static String readMessage(Socket s) throws IOException {
        var in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after: " + head);
            }
            if (head.isEmpty() && (c == '\r' || c == '\n')) {
                continue;
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** @return whether the peer closed the connection within the wait (reads and discards) */
    static boolean closedByPeer(Socket s) {
        try {
            var in = s.getInputStream();
            byte[] b = new byte[4096];
            while (true) {
                if (in.read(b) < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().toLowerCase().contains("reset");
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /**
     * @param method the method
     * @param via the whole top Via value
     * @param callId the Call-ID
     * @return a valid request with an empty body
     */
    static String request(String method, String via, String callId) {
        return method + " sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: " + via + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static InetAddress loopback() {
        return InetAddress.ofLiteral(LOOPBACK);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable p : peers) {
            p.close();
        }
        for (NetworkTransport t : transports) {
            t.stop();
            assertThat(t.liveThreads()).as("threads of %s after stop", t.threadPrefix()).isEmpty();
            String prefix = t.threadPrefix() + "-";
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                    th -> th.getName().startsWith(prefix) && th.isAlive());
        }
    }
}
