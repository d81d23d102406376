package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many requests and calls at once against a second App over 127.0.0.1: the requests of one
 * dialog served in the order they came, and calls answered while the App closes ended with it.
 */
class ConcurrentCallsTest {
    private static final StackConfig QUICK = StackConfig.builder().t1(Duration.ofMillis(100))
            .shutdownGrace(Duration.ofMillis(1000)).build();
    private final App server = Drachtio.app(QUICK);
    private final App client = Drachtio.app(QUICK);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        pool.shutdownNow();
        client.close();
        server.close();
    }

    /** @return a call from client to server, whose INFOs the server answers 200, noting each CSeq in {@code served} */
    private Dialog callWhoseInfosAreServedInto(List<Long> served) throws InterruptedException {
        server.listen(Listen.udp("127.0.0.1", 0));
        client.listen(Listen.udp("127.0.0.1", 0));
        CountDownLatch ready = new CountDownLatch(1);
        server.invite((req, res) -> {
            Dialog d = res.answer(Parts.NONE);
            d.on(Method.INFO, (r, s) -> {
                served.add(r.cseq().sequence());
                s.send(200);
            });
            ready.countDown();
        });
        Dialog d = client.uac().call("sip:bob@127.0.0.1:" + server.listening().getFirst().port(), Parts.NONE);
        assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
        return d;
    }

    @Test
    @Timeout(20)
    void infosSentFromManyThreadsAreAllAnsweredByTheHandlerInCSeqOrder() throws Exception {
        List<Long> served = new CopyOnWriteArrayList<>();
        Dialog d = callWhoseInfosAreServedInto(served);

        int n = 300;
        List<Future<SipResponse>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(pool.submit(() -> d.request(Method.INFO, Parts.NONE)));
        }
        List<String> refused = new ArrayList<>();
        for (Future<SipResponse> f : sent) {
            SipResponse r = f.get(15, TimeUnit.SECONDS);
            if (r.status() != 200) {
                refused.add(r.cseq().sequence() + ": " + r.status() + " " + r.reason());
            }
        }
        // SipDialog: "requests sent from several threads at once leave in CSeq order"; ARCHITECTURE:
        // "Requests within one dialog reach the application in order"; loopback UDP does not reorder
        assertThat(refused).as("INFOs not answered 200 (CSeq: status reason)").isEmpty();
        assertThat(served).hasSize(n).isSorted();
        d.bye();
    }

    @Test
    @Timeout(20)
    void infosArrivingBackToBackInCSeqOrderAreServedInThatOrder() throws Exception {
        List<Long> served = new CopyOnWriteArrayList<>();
        Dialog d = callWhoseInfosAreServedInto(served);
        int port = server.listening().getFirst().port();

        int n = 50;
        int bursts = 18;
        List<String> refused = new CopyOnWriteArrayList<>();
        try (java.net.DatagramSocket raw = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            raw.setSoTimeout(5000);
            java.net.InetSocketAddress to = new java.net.InetSocketAddress("127.0.0.1", port);
            // the answers are read while the requests go out, on a thread of the system's own (the
            // carriers are busy with the App's work), and the bursts are small: answers piling up
            // past the socket's receive buffer (a couple of hundred datagrams) are lost, not refused
            java.util.concurrent.FutureTask<Integer> answered = new java.util.concurrent.FutureTask<>(() -> {
                byte[] buf = new byte[4096];
                for (int got = 0; got < n * bursts; got++) {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                    raw.receive(p);
                    String text = new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
                    if (!text.startsWith("SIP/2.0 200")) {
                        String cseqLine = text.lines().filter(l -> l.startsWith("CSeq:")).findFirst().orElse("?");
                        refused.add(text.lines().findFirst().orElse("") + " / " + cseqLine);
                    }
                }
                return n * bursts;
            });
            Thread.ofPlatform().daemon().start(answered);
            // the caller's own requests, one datagram after the other on one socket: the wire order is the CSeq order
            for (int burst = 0; burst < bursts; burst++) {
                for (int i = 1; i <= n; i++) {
                    long cseq = 100 + burst * n + i;
                    String info = "INFO sip:bob@127.0.0.1:" + port + " SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.getLocalPort() + ";branch=z9hG4bK-order-" + cseq + "\r\n"
                            + "Max-Forwards: 70\r\n"
                            + "From: <" + d.localUri() + ">;tag=" + d.localTag() + "\r\n"
                            + "To: <" + d.remoteUri() + ">;tag=" + d.remoteTag() + "\r\n"
                            + "Call-ID: " + d.callId() + "\r\n"
                            + "CSeq: " + cseq + " INFO\r\n"
                            + "Content-Length: 0\r\n\r\n";
                    byte[] b = info.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    raw.send(new java.net.DatagramPacket(b, b.length, to));
                }
                Thread.sleep(30);
            }
            assertThat(answered.get(15, TimeUnit.SECONDS)).isEqualTo(n * bursts);
        }
        // RFC 3261 12.2.2: 500 is for a CSeq lower than one already seen; here none was, on the wire
        assertThat(refused).as("INFOs sent in CSeq order but not answered 200").isEmpty();
        assertThat(served).hasSize(n * bursts).isSorted();
    }

    @Test
    @Timeout(20)
    void aCallAnsweredDuringTheCloseGraceIsEndedAndLeavesNoDialog() throws Exception {
        int calls = 20;
        server.listen(Listen.udp("127.0.0.1", 0));
        client.listen(Listen.udp("127.0.0.1", 0));
        String uri = "sip:bob@127.0.0.1:" + server.listening().getFirst().port();
        CountDownLatch ringing = new CountDownLatch(calls);
        CountDownLatch closing = new CountDownLatch(1);
        server.invite((req, res) -> {
            res.send(180);
            ringing.countDown();
            closing.await(5, TimeUnit.SECONDS);
            Thread.sleep(100); // the close has begun; the stack's grace lets in-flight handlers answer
            res.answer(Parts.NONE);
        });
        List<Future<Dialog>> placed = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            placed.add(pool.submit(() -> client.uac().call(uri, Parts.NONE)));
        }
        assertThat(ringing.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofVirtual().start(server::close);
        closing.countDown();
        assertThat(closer.join(Duration.ofSeconds(5))).as("close() returned").isTrue();

        List<Dialog> up = new ArrayList<>();
        for (Future<Dialog> f : placed) {
            try {
                up.add(f.get(5, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException failed) {
                // refused by the closing App: fine
            }
        }
        Thread.sleep(500);
        // RFC 3261 15 / ARCHITECTURE.md: "app.close() ends live dialogs with BYE (APP_CLOSED)"
        assertThat(server.dialogs().count()).as("live dialogs of the closed server App (calls up: " + up.size() + ")")
                .isZero();
        assertThat(up).as("calls still up at the caller after the callee App closed").noneMatch(Dialog::active);
    }
}
