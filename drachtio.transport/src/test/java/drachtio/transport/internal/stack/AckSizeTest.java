package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.header.Parameters;
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
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 18.1.1 for the requests the embedded stack sends outside a transaction. */
class AckSizeTest {
    private SipStack stack;
    private ServerSocket tcpPeer;
    private DatagramSocket udpPeer;

    @AfterEach
    void stop() throws IOException {
        if (udpPeer != null) {
            udpPeer.close();
        }
        if (tcpPeer != null) {
            tcpPeer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** @return the first 4 octets of what came over TCP within 2 s, or "udp: ..." when it came over UDP */
    private String arrival() throws IOException {
        tcpPeer.setSoTimeout(2000);
        try (Socket s = tcpPeer.accept()) {
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            return "tcp: " + new String(in.readNBytes(4), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            udpPeer.setSoTimeout(200);
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            try {
                udpPeer.receive(p);
                return "udp: " + new String(p.getData(), 0, 4, StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException nothing) {
                return "nothing";
            }
        }
    }

    /**
     * RFC 3261 18.1.1: a request larger than 1300 octets (path MTU unknown) MUST go over a
     * congestion-controlled transport, and the stack moves every request it sends, the ACK for a
     * 2xx (13.2.2.4, {@code sendAck}) included: a late offer's ACK carries the SDP answer.
     */
    @Test
    void aLargeAckForA2xxGoesOverTcpLikeAnyLargeRequest() throws Exception {
        stack = SipStacks.provider("embedded").create(StackConfig.builder()
                .listen(Listen.udp("127.0.0.1", 0)).listen(Listen.tcp("127.0.0.1", 0))
                .t1(Duration.ofMillis(20)).build());
        stack.start(new StackHandler() {
            @Override
            public void onRequest(IncomingTransaction txn) {
            }
        });
        tcpPeer = new ServerSocket();
        tcpPeer.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = tcpPeer.getLocalPort();
        udpPeer = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        SipUri bob = new SipUri(false, "bob", null, "127.0.0.1", port, Parameters.EMPTY, Parameters.EMPTY);
        String sdp = "v=0\r\n" + "a=x-padding:" + "p".repeat(2000) + "\r\n";

        // a large INFO is moved to TCP
        stack.send(SipRequest.builder(Method.INFO, bob).header("From", "<sip:alice@127.0.0.1>;tag=a")
                .header("To", "<sip:bob@127.0.0.1>;tag=b").header("Call-ID", "size@x").header("CSeq", "2 INFO")
                .body("application/sdp", sdp).build(), new ResponseHandler() {
                    @Override
                    public void onFinal(SipResponse response, Outcome outcome) {
                    }
                });
        assertThat(arrival()).isEqualTo("tcp: INFO");

        // and so is a large ACK for a 2xx
        stack.sendAck(SipRequest.builder(Method.ACK, bob).header("From", "<sip:alice@127.0.0.1>;tag=a")
                .header("To", "<sip:bob@127.0.0.1>;tag=b").header("Call-ID", "size@x").header("CSeq", "1 ACK")
                .body("application/sdp", sdp).build());
        assertThat(arrival()).isEqualTo("tcp: ACK ");
    }
}
