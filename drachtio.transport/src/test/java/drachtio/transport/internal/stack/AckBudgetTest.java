package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An INVITE answered 2xx counts among the ACK waits until its ACK comes or 64*T1 passes, and
 * when those are all taken new requests get 503, so calls nobody acknowledges cannot pile up
 * beyond the budget. Driven over a real UDP socket against the embedded stack with a budget
 * of three requests in flight, so twelve ACK waits.
 */
class AckBudgetTest {
    /**
     * Three requests in flight: the place of the call answered last may still be taken when the
     * next INVITE arrives (its thread gives it back just after the 2xx left), so one would race;
     * with two, a CI run once met both places still taken (the one before last too, its thread
     * not yet run again on a busy machine) and got a 503 for the eighth call.
     */
    private static final int IN_FLIGHT = 3;
    private static final int ACK_WAITS = IN_FLIGHT * Admission.ACK_WAITS_PER_REQUEST;
    private static final Pattern TO_TAG = Pattern.compile("(?im)^To:.*;tag=([^;\\r\\n]+)");

    private SipStack stack;
    private DatagramSocket peer;
    private InetSocketAddress server;

    @BeforeEach
    void start() throws IOException {
        // T1 = 20 ms: the 2xx's wait for its ACK ends after 64*T1 = 1.28 s
        stack = SipStacks.provider("embedded").create(StackConfig.builder().listen(Listen.udp("127.0.0.1", 0))
                .t1(Duration.ofMillis(20)).maxInFlightRequests(IN_FLIGHT).build());
        Listen bound = stack.start(new AnsweringApp()).getFirst();
        server = new InetSocketAddress("127.0.0.1", bound.port());
        peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        peer.setSoTimeout(3000);
    }

    @AfterEach
    void stop() {
        peer.close();
        stack.close();
    }

    @Test
    void answeredCallsWaitingForTheirAckHoldBackNewOnesUntilTheAck() throws IOException {
        String first = finalTo(invite("first"));
        assertThat(first).startsWith("SIP/2.0 200");
        for (int i = 0; i < ACK_WAITS - 1; i++) {
            assertThat(finalTo(invite("more" + i))).startsWith("SIP/2.0 200");
        }
        assertThat(finalTo(invite("refused"))).startsWith("SIP/2.0 503");
        send(ack("first", tagOf(first)));
        assertThat(finalTo(invite("after-ack"))).startsWith("SIP/2.0 200");
    }

    @Test
    void anAckThatNeverComesFreesItsPlaceAfter64T1() throws IOException, InterruptedException {
        for (int i = 0; i < ACK_WAITS; i++) {
            assertThat(finalTo(invite("lost" + i))).startsWith("SIP/2.0 200");
        }
        assertThat(finalTo(invite("early"))).startsWith("SIP/2.0 503");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer;
        int round = 0;
        do {
            Thread.sleep(200);
            answer = finalTo(invite("late" + round++));
        } while (!answer.startsWith("SIP/2.0 200") && System.nanoTime() < deadline);
        assertThat(answer).startsWith("SIP/2.0 200");
    }

    private String invite(String call) {
        return "INVITE sip:answer@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-" + call + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=f-" + call + "\r\n"
                + "To: <sip:answer@127.0.0.1>\r\nCall-ID: " + call + "@ack-budget\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@127.0.0.1:" + peer.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n";
    }

    private String ack(String call, String toTag) {
        return "ACK sip:answer@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-ack-" + call + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:caller@127.0.0.1>;tag=f-" + call + "\r\n"
                + "To: <sip:answer@127.0.0.1>;tag=" + toTag + "\r\nCall-ID: " + call + "@ack-budget\r\n"
                + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** Sends the request and returns the first final response to it, skipping provisionals and stray 2xx retransmissions. */
    private String finalTo(String request) throws IOException {
        String callId = request.substring(request.indexOf("Call-ID: ") + 9, request.indexOf("\r\n", request.indexOf("Call-ID: ")));
        send(request);
        while (true) {
            String response = receive();
            if (response.contains(callId) && !response.startsWith("SIP/2.0 1")) {
                return response;
            }
        }
    }

    private void send(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        peer.send(new DatagramPacket(b, b.length, server));
    }

    private String receive() throws IOException {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            peer.receive(p);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within 3 s", e);
        }
        return new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
    }

    private static String tagOf(String response) {
        Matcher m = TO_TAG.matcher(response);
        assertThat(m.find()).as("To tag in %s", response).isTrue();
        return m.group(1);
    }
}
