package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.receive;
import static drachtio.transport.internal.net.NetFixture.request;
import static drachtio.transport.internal.net.NetFixture.sendTo;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.SipUri;
import drachtio.api.header.Via;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.net.NetCounters.Drop;
import drachtio.transport.internal.net.NetFixture.Received;
import drachtio.transport.internal.net.NetFixture.Running;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpTransportTest {
    private final NetFixture fx = new NetFixture();

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void stampsReceivedAndRportOnRequestFromAnotherAddress() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP 192.0.2.7:5099;branch=z9hG4bK-r1;rport", "c1@x"));

        Received r = b.next();
        Via top = r.message().topVia();
        assertThat(top.received()).contains("127.0.0.1");
        assertThat(top.rport()).hasValue(peer.getLocalPort());
        assertThat(top.branch()).contains("z9hG4bK-r1");
        assertThat(top.sentBy()).isEqualTo("192.0.2.7:5099");
        assertThat(r.hop()).isEqualTo(new Hop("UDP", (InetSocketAddress) peer.getLocalSocketAddress(), b.udp()));
        assertThat(r.message().callId()).isEqualTo("c1@x");
    }

    @Test
    void addsReceivedWithoutRportWhenSentByDiffers() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP client.example.com;branch=z9hG4bK-r2", "c2@x"));

        Via top = b.next().message().topVia();
        assertThat(top.received()).contains("127.0.0.1");
        assertThat(top.hasRport()).isFalse();
    }

    @Test
    void leavesRequestUntouchedWhenSentByIsTheSourceAndNoRport() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String text = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-r3",
                "c3@x");
        sendTo(peer, b.udp(), text);

        assertThat(new String(b.next().message().toBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void stampsOnlyTheFirstViaValueOfACommaList() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("OPTIONS",
                "SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK-top;rport , SIP/2.0/UDP 192.0.2.8;branch=z9hG4bK-2nd;rport",
                "c4@x"));

        var vias = b.next().message().vias();
        assertThat(vias).hasSize(2);
        assertThat(vias.get(0).rport()).hasValue(peer.getLocalPort());
        assertThat(vias.get(1).rport()).isEmpty();
        assertThat(vias.get(1).received()).isEmpty();
    }

    @Test
    void routesResponseToSourcePortWhenRportIsPresent() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        // the sent-by port is wrong on purpose: rport must win (RFC 3581 4)
        sendTo(peer, b.udp(), request("INVITE", "SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-r5;rport", "c5@x"));
        Received r = b.next();
        SipRequest req = (SipRequest) r.message();

        Hop back = b.net().responseHop(req.topVia(), r.hop());
        b.net().send(SipResponse.replyTo(req, 180).setHeader("To", req.to() + ";tag=b1").build(), back);

        String got = receive(peer);
        assertThat(got).startsWith("SIP/2.0 180 Ringing\r\n").contains("rport=" + peer.getLocalPort())
                .contains("received=127.0.0.1");
        assertThat(back.remote().getPort()).isEqualTo(peer.getLocalPort());
    }

    @Test
    void roundTripBetweenTwoTransports() throws Exception {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Hop toB = new Hop("UDP", b.udp(), null);
        SipRequest req = SipRequest.builder(Method.OPTIONS, SipUri.of("bob", "127.0.0.1"))
                .header("Via", a.net().via(toB, "z9hG4bK-rt1"))
                .header("Max-Forwards", "70").header("From", "<sip:alice@a>;tag=1").header("To", "<sip:bob@b>")
                .header("Call-ID", "rt@a").header("CSeq", "7 OPTIONS").build();
        a.net().send(req, toB);

        Received atB = b.next();
        assertThat(atB.message().topVia().rport()).hasValue(a.udp().getPort());
        SipRequest got = (SipRequest) atB.message();
        b.net().send(SipResponse.replyTo(got, 200).build(), b.net().responseHop(got.topVia(), atB.hop()));

        Received atA = a.next();
        assertThat(atA.message()).isInstanceOf(SipResponse.class);
        assertThat(((SipResponse) atA.message()).status()).isEqualTo(200);
        assertThat(atA.message().topVia().branch()).contains("z9hG4bK-rt1");
        assertThat(a.net().counters().messagesSent()).isEqualTo(1);
    }

    @Test
    void dropsResponseWhoseSentByIsNotOurs() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-x\r\n"
                + "From: <sip:a@a>;tag=1\r\nTo: <sip:b@b>;tag=2\r\nCall-ID: nr@x\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        sendTo(peer, b.udp(), response);

        NetFixture.await(() -> b.net().counters().dropped(Drop.NOT_OURS) == 1, "the response to be dropped");
        assertThat(b.inbox()).isEmpty();
    }

    @Test
    void dropsGarbageAndCountsItWhileValidTrafficFlows() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        Random random = new Random(42);
        int garbage = 0;
        for (int i = 0; i < 100; i++) {
            byte[] junk = new byte[1 + random.nextInt(1500)];
            random.nextBytes(junk);
            peer.send(new java.net.DatagramPacket(junk, junk.length, b.udp()));
            garbage++;
            if (i % 10 == 0) {
                sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-g" + i, "g" + i));
            }
        }
        // workers are sharded by Call-ID: order holds within a call, not across calls
        java.util.List<String> expected = new java.util.ArrayList<>();
        java.util.List<String> got = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i += 10) {
            expected.add("g" + i);
            got.add(b.next().message().callId());
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        int dropped = garbage;
        NetFixture.await(() -> b.net().counters().droppedTotal() == dropped, "every garbage datagram dropped");
        assertThat(b.net().counters().datagramsReceived()).isEqualTo(110);
        assertThat(b.net().liveThreads()).anyMatch(n -> n.contains("-udp-"));
    }

    @Test
    void answersBrokenHeaderWith400WhenRequestLineAndViaAreReadable() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String broken = "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-b1\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "this line has no colon\r\n"
                + "Call-ID: bad1@x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        sendTo(peer, b.udp(), broken);

        String got = receive(peer);
        assertThat(got).startsWith("SIP/2.0 400 ").contains("z9hG4bK-b1").contains("Call-ID: bad1@x")
                .contains("CSeq: 1 OPTIONS").containsPattern("To: <sip:bob@example.com>;tag=\\w+");
        assertThat(got.substring(0, got.indexOf('\r'))).doesNotContain("\n");
        NetFixture.await(() -> b.net().counters().errorResponsesSent() == 1, "the 400 to be counted");
        assertThat(b.net().counters().dropped(Drop.UNPARSEABLE)).isEqualTo(1);
        assertThat(b.inbox()).isEmpty();
    }

    @Test
    void a400GoesToTheSourcePortWhenTheViaAsksForRport() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        // the sent-by port is wrong on purpose (port 9, discard): behind a NAT it is, and rport
        // must win for an error reply as for any other response (RFC 3581 4)
        String text = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-v2;rport", "x")
                .replace("Max-Forwards: 70\r\n", "Max-Forwards: 256\r\n");
        sendTo(peer, b.udp(), text);

        assertThat(receive(peer)).startsWith("SIP/2.0 400 ").contains("z9hG4bK-v2");
    }

    @Test
    void answersRequestMissingCallIdWithValidatorStatus() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String text = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-v1",
                "x").replace("Call-ID: x\r\n", "");
        sendTo(peer, b.udp(), text);

        assertThat(receive(peer)).startsWith("SIP/2.0 400 ").contains("z9hG4bK-v1");
        assertThat(b.net().counters().dropped(Drop.INVALID)).isEqualTo(1);
    }

    @Test
    void answersUnsupportedVersionWith505() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String text = request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-v2",
                "v2").replace("sip:bob@127.0.0.1 SIP/2.0", "sip:bob@127.0.0.1 SIP/7.0");
        sendTo(peer, b.udp(), text);

        assertThat(receive(peer)).startsWith("SIP/2.0 505 ");
    }

    @Test
    void neverAnswersABrokenAck() throws Exception {
        Running b = fx.start(c -> { });
        DatagramSocket peer = fx.udpPeer();
        String ack = request("ACK", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-a1", "a1")
                .replace("Max-Forwards: 70\r\n", "broken line\r\n");
        sendTo(peer, b.udp(), ack);
        sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-a2", "after-ack"));

        assertThat(b.next().message().callId()).isEqualTo("after-ack");
        assertThat(b.net().counters().errorResponsesSent()).isZero();
    }

    @Test
    void answersOversizeDatagramWith513() throws Exception {
        Running b = fx.start(c -> c.parserLimits(drachtio.parser.ParserLimits.builder().maxMessageSize(1024).build()));
        DatagramSocket peer = fx.udpPeer();
        String big = request("MESSAGE", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-o1", "o1")
                .replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nX-Padding: " + "p".repeat(2000) + "\r\n");
        sendTo(peer, b.udp(), big);

        assertThat(receive(peer)).startsWith("SIP/2.0 513 ");
        assertThat(b.inbox()).isEmpty();
    }

    @Test
    void survivesAHandlerThatThrows() throws Exception {
        Running b = fx.start(drachtio.transport.TransportConfig.builder()
                .listen(drachtio.transport.ListenPoint.udp(NetFixture.LOOPBACK, 0)).build(), m -> {
                    if (m.callId().equals("boom")) {
                        throw new IllegalStateException("handler bug");
                    }
                });
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-h1", "boom"));
        sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-h2", "fine"));

        assertThat(b.next().message().callId()).isEqualTo("fine");
        assertThat(b.net().counters().dropped(Drop.HANDLER_ERROR)).isEqualTo(1);
    }
}
