package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;
import drachtio.api.spi.StackHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 rules of the embedded stack, driven over a raw UDP socket on loopback. */
class EmbeddedStackRfcTest {
    private SipStack stack;
    private DatagramSocket peer;
    private InetSocketAddress server;

    private void start(StackConfig.Builder config, StackHandler app) throws IOException {
        stack = SipStacks.provider("embedded").create(config.listen(Listen.udp("127.0.0.1", 0))
                .t1(Duration.ofMillis(20)).build());
        server = new InetSocketAddress("127.0.0.1", stack.start(app).getFirst().port());
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private void send(String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(b, b.length, to));
    }

    private String receive() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        try {
            peer.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** @return every message received until the peer has been quiet for its timeout */
    private List<String> receiveAll() throws IOException {
        List<String> all = new ArrayList<>();
        for (String m; (m = receive()) != null; ) {
            all.add(m);
        }
        return all;
    }

    private String invite(String branch, String callId) {
        return "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@127.0.0.1:" + peer.getLocalPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /**
     * RFC 3261 8.2.2.2: a request without a To tag whose From tag, Call-ID and CSeq match an
     * ongoing server transaction but that does not match it (another branch: the same request
     * forked back to us by two proxies) SHOULD be answered 482 and not reach the application.
     */
    @Test
    void mergedRequestIsAnswered482() throws Exception {
        List<String> branches = new CopyOnWriteArrayList<>();
        start(StackConfig.builder(), new StackHandler() {
            @Override
            public void onRequest(IncomingTransaction txn) {
                SipRequest r = txn.request();
                branches.add(r.topVia().branch().orElseThrow());
                try {
                    Thread.sleep(300); // still ongoing when the merged copy arrives
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                txn.respond(SipResponse.replyTo(r, 486).setHeader("To", r.to().withTag("uas")).build());
            }
        });
        send(invite("z9hG4bK-fork1", "merged@x"), server);
        send(invite("z9hG4bK-fork2", "merged@x"), server);

        List<String> got = receiveAll();
        assertThat(got).filteredOn(m -> m.contains("z9hG4bK-fork2") && !m.startsWith("SIP/2.0 100"))
                .first().asString().startsWith("SIP/2.0 482");
        assertThat(branches).containsExactly("z9hG4bK-fork1");
    }

    /**
     * RFC 3261 8.2.6.2: a UAS MUST add a To tag to every response (100 aside) to a request
     * without one. The 503 the stack itself sends when its in-flight budget is spent has none.
     */
    @Test
    void overload503CarriesAToTag() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(StackConfig.builder().maxInFlightRequests(1), new StackHandler() {
            @Override
            public void onRequest(IncomingTransaction txn) {
                SipRequest r = txn.request();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                txn.respond(SipResponse.replyTo(r, 486).setHeader("To", r.to().withTag("uas")).build());
            }
        });
        send(invite("z9hG4bK-busy1", "busy1@x"), server);
        assertThat(receive()).startsWith("SIP/2.0 100");
        send(invite("z9hG4bK-busy2", "busy2@x"), server);
        String refused = receive();
        release.countDown();

        assertThat(refused).startsWith("SIP/2.0 503");
        assertThat(header(refused, "To")).contains(";tag=");
    }

    /**
     * RFC 3261 8.1.3.3: a response with more than one Via SHOULD be discarded by the UAC (it
     * was meant for a proxy, or misrouted). The stack hands it to the application as the
     * transaction's final response.
     */
    @Test
    void responseWithTwoViasIsDiscarded() throws Exception {
        start(StackConfig.builder(), new StackHandler() {
            @Override
            public void onRequest(IncomingTransaction txn) {
            }
        });
        SipUri target = new SipUri(false, "bob", null, "127.0.0.1", peer.getLocalPort(),
                drachtio.api.header.Parameters.EMPTY, drachtio.api.header.Parameters.EMPTY);
        SipRequest options = SipRequest.builder(Method.OPTIONS, target)
                .header("From", "<sip:alice@127.0.0.1>;tag=u1").header("To", "<sip:bob@127.0.0.1>")
                .header("Call-ID", "twovias@x").header("CSeq", "1 OPTIONS").build();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        stack.send(options, new ResponseHandler() {
            @Override
            public void onFinal(SipResponse response, Outcome how) {
                outcome.complete(how);
            }
        });
        String request = receive();
        assertThat(request).startsWith("OPTIONS ");
        String ourVia = header(request, "Via");
        send("SIP/2.0 200 OK\r\n" + ourVia + "\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-other\r\n"
                + header(request, "From") + "\r\n" + header(request, "To") + ";tag=p1\r\n"
                + header(request, "Call-ID") + "\r\n" + header(request, "CSeq") + "\r\nContent-Length: 0\r\n\r\n",
                server);

        // discarded: the transaction times out (timer F, 64*T1 = 1.28 s) instead
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.TIMEOUT);
    }

    private static String header(String message, String name) {
        return message.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .findFirst().orElse("");
    }
}
