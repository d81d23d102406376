package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.readMessage;
import static drachtio.transport.internal.net.NetFixture.request;
import static drachtio.transport.internal.net.NetFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.net.NetFixture.Received;
import drachtio.transport.internal.net.NetFixture.Running;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stream edges of RFC 3261 18 over real sockets: CRLFs between messages, an error in the second
 * of two messages read at once, two connections from one peer address.
 */
@Timeout(10)
class TcpStreamEdgesTest {
    private final NetFixture fx = new NetFixture();

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /**
     * RFC 3261 7.5, 18.3, RFC 5626 3.5.1: CRLFs after a message are skipped, and do not start the
     * deadline of a message that has not begun; the connection lives for its idle timeout.
     */
    @Test
    void aTrailingCrlfDoesNotStartTheMessageDeadline() throws Exception {
        Running b = fx.start(c -> c.tcpMessageDeadline(Duration.ofMillis(300)).tcpIdleTimeout(Duration.ofSeconds(30)));
        Socket peer = fx.tcpPeer(b.tcp());
        write(peer, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-crlf1", "crlf1@x") + "\r\n");
        Received r = b.next();

        Thread.sleep(1200);
        assertThat(b.net().counters().tcpClosedDeadline()).as("deadline closes").isZero();
        assertThat(b.net().connectedTo(r.hop().remote())).as("connection still open").isTrue();
    }

    /**
     * RFC 3261 18.3 / TRANSPORT.md: a message with a missing Content-Length on a stream gets a
     * 400, then the connection closes. When a good request precedes it in the same read, the 400
     * must answer the broken request, not the good one (whose transaction it would end).
     */
    @Test
    void the400ForABrokenPipelinedRequestAnswersThatRequest() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        String good = request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-good1", "good1@x");
        String broken = request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-bad2", "bad2@x")
                .replace("Content-Length: 0\r\n", "");
        write(peer, good + broken);

        assertThat(b.next().message().callId()).isEqualTo("good1@x");
        String answer = readMessage(peer);
        assertThat(answer).startsWith("SIP/2.0 400 ");
        assertThat(answer).contains("z9hG4bK-bad2").contains("bad2@x").doesNotContain("z9hG4bK-good1");
    }
    /**
     * RFC 3261 18.2.2: the response goes over the connection the request arrived on while that
     * connection is open. A peer that binds its outgoing sockets to one port (SO_REUSEADDR, as
     * SIP stacks that connect from their listening port do) and reaches two of our TCP listeners
     * has two connections with the same remote address; the response to a request on the second
     * must come back on the second, not on the first.
     */
    @Test
    void answersOnTheRightConnectionWhenTwoShareTheRemoteAddress() throws Exception {
        Running b = fx.start(c -> c.listen(drachtio.transport.ListenPoint.tcp(NetFixture.LOOPBACK, 0)));
        var tcpPoints = b.net().listenPoints().stream()
                .filter(p -> p.protocol() == drachtio.transport.ListenPoint.Protocol.TCP).toList();
        assertThat(tcpPoints).hasSize(2);
        var first = new java.net.InetSocketAddress(NetFixture.LOOPBACK, tcpPoints.get(0).port());
        var second = new java.net.InetSocketAddress(NetFixture.LOOPBACK, tcpPoints.get(1).port());

        Socket s1 = new Socket();
        s1.setReuseAddress(true);
        s1.bind(new java.net.InetSocketAddress(NetFixture.LOOPBACK, 0));
        int port = s1.getLocalPort();
        s1.connect(first, 2000);
        s1.setSoTimeout(2000);
        Socket s2 = new Socket();
        s2.setReuseAddress(true);
        s2.bind(new java.net.InetSocketAddress(NetFixture.LOOPBACK, port));
        s2.connect(second, 2000);
        s2.setSoTimeout(2000);
        try (s1; s2) {
            write(s1, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-c1", "c1@x"));
            assertThat(b.next().message().callId()).isEqualTo("c1@x");
            write(s2, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-c2", "c2@x"));
            Received r = b.next();
            assertThat(r.message().callId()).isEqualTo("c2@x");
            assertThat(r.hop().local()).isEqualTo(second);

            SipRequest req = (SipRequest) r.message();
            b.net().send(SipResponse.replyTo(req, 200).build(), b.net().responseHop(req.topVia(), r.hop()));
            String got;
            try {
                got = readMessage(s2);
            } catch (java.io.IOException e) {
                got = "nothing on the request's connection: " + e;
            }
            assertThat(got).startsWith("SIP/2.0 200 OK\r\n").contains("c2@x");
        }
    }
}
