package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.closedByPeer;
import static drachtio.transport.internal.net.NetFixture.readMessage;
import static drachtio.transport.internal.net.NetFixture.request;
import static drachtio.transport.internal.net.NetFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.ParserLimits;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetFixture.Received;
import drachtio.transport.internal.net.NetFixture.Running;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    private final NetFixture fx = new NetFixture();

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static SipRequest options(Running from, Hop to, String callId) {
        return SipRequest.builder(Method.OPTIONS, SipUri.of("bob", "127.0.0.1"))
                .header("Via", from.net().via(to, "z9hG4bK-" + callId)).header("Max-Forwards", "70")
                .header("From", "<sip:alice@a>;tag=1").header("To", "<sip:bob@b>").header("Call-ID", callId)
                .header("CSeq", "1 OPTIONS").build();
    }

    @Test
    void answersOnTheConnectionTheRequestCameOn() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        write(peer, request("OPTIONS", "SIP/2.0/TCP 192.0.2.9:5060;branch=z9hG4bK-t1;rport", "t1@x"));

        Received r = b.next();
        assertThat(r.hop()).isEqualTo(new Hop("TCP", (InetSocketAddress) peer.getLocalSocketAddress(),
                (InetSocketAddress) peer.getRemoteSocketAddress()));
        assertThat(r.message().topVia().received()).contains("127.0.0.1");
        assertThat(r.message().topVia().rport()).hasValue(peer.getLocalPort());
        SipRequest req = (SipRequest) r.message();
        b.net().send(SipResponse.replyTo(req, 200).build(), b.net().responseHop(req.topVia(), r.hop()));

        assertThat(readMessage(peer)).startsWith("SIP/2.0 200 OK\r\n").contains("t1@x");
        assertThat(b.net().counters().tcpConnected()).isZero();
    }

    @Test
    void reusesOneConnectionForRequestsToTheSamePeer() throws Exception {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Hop toB = new Hop("TCP", b.tcp(), null);
        for (int i = 0; i < 3; i++) {
            a.net().send(options(a, toB, "reuse" + i), toB);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(b.next().message().callId()).isEqualTo("reuse" + i);
        }
        assertThat(a.net().counters().tcpConnected()).isEqualTo(1);
        assertThat(b.net().counters().tcpAccepted()).isEqualTo(1);
        assertThat(a.net().connectedTo(b.tcp())).isTrue();
    }

    @Test
    void roundTripOverTcpBetweenTwoTransports() throws Exception {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Hop toB = new Hop("TCP", b.tcp(), null);
        a.net().send(options(a, toB, "rt-tcp"), toB);
        Received atB = b.next();
        SipRequest req = (SipRequest) atB.message();
        b.net().send(SipResponse.replyTo(req, 200).build(), b.net().responseHop(req.topVia(), atB.hop()));

        Received atA = a.next();
        assertThat(((SipResponse) atA.message()).status()).isEqualTo(200);
        assertThat(atA.hop().transport()).isEqualTo("TCP");
        assertThat(b.net().counters().tcpConnected()).as("the response reused the inbound connection").isZero();
    }

    @Test
    void sendsRequestsToAPeerOverTheConnectionItOpened() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        write(peer, request("REGISTER", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-reg", "reg@x"));
        Received r = b.next();

        Hop toPeer = new Hop("TCP", r.hop().remote(), null);
        b.net().send(options(b, toPeer, "in-dialog"), toPeer);

        assertThat(readMessage(peer)).startsWith("OPTIONS sip:bob@127.0.0.1 SIP/2.0").contains("in-dialog");
        assertThat(b.net().counters().tcpConnected()).isZero();
    }

    @Test
    void opensANewConnectionToSentByWhenTheRequestConnectionIsGone() throws Exception {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        // the Via names a's listener: the response must find its way there once peer is gone
        write(peer, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:" + a.tcp().getPort() + ";branch=z9hG4bK-gone",
                "gone@x"));
        Received r = b.next();
        peer.close();
        NetFixture.await(() -> !b.net().connectedTo(r.hop().remote()), "the connection to close");

        SipRequest req = (SipRequest) r.message();
        var viaOfA = a.net().via(new Hop("TCP", b.tcp(), null), "z9hG4bK-gone");
        assertThat(viaOfA.port()).isEqualTo(a.tcp().getPort());
        b.net().send(SipResponse.replyTo(req, 200).build(), b.net().responseHop(req.topVia(), r.hop()));

        Received atA = a.next();
        assertThat(atA.message().callId()).isEqualTo("gone@x");
        assertThat(b.net().counters().tcpConnected()).isEqualTo(1);
    }

    @Test
    void answersKeepAliveWithCrlf() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        write(peer, "\r\n\r\n");

        byte[] pong = peer.getInputStream().readNBytes(2);
        assertThat(new String(pong, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        NetFixture.await(() -> b.net().counters().keepAlivesAnswered() == 1, "the pong counted");
        write(peer, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-ka", "ka@x"));
        assertThat(b.next().message().callId()).isEqualTo("ka@x");
    }

    @Test
    void closesIdleConnection() throws Exception {
        Running b = fx.start(c -> c.tcpIdleTimeout(Duration.ofMillis(300)));
        Socket peer = fx.tcpPeer(b.tcp());
        write(peer, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-idle", "idle@x"));
        b.next();

        long started = System.nanoTime();
        assertThat(closedByPeer(peer)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(150));
        NetFixture.await(() -> b.net().counters().tcpClosedIdle() == 1, "the idle close to be counted");
        assertThat(b.net().counters().tcpOpen()).isZero();
    }

    @Test
    void enforcesMaxConnections() throws Exception {
        Running b = fx.start(c -> c.maxTcpConnections(2));
        Socket first = fx.tcpPeer(b.tcp());
        Socket second = fx.tcpPeer(b.tcp());
        NetFixture.await(() -> b.net().counters().tcpAccepted() == 2, "two connections accepted");
        Socket third = fx.tcpPeer(b.tcp());

        assertThat(closedByPeer(third)).isTrue();
        assertThat(b.net().counters().tcpRefused()).isEqualTo(1);
        write(first, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-m1", "max1@x"));
        assertThat(b.next().message().callId()).isEqualTo("max1@x");
        assertThat(second.isClosed()).isFalse();
        Hop elsewhere = new Hop("TCP", new InetSocketAddress(NetFixture.loopback(), 9), null);
        assertThatThrownBy(() -> b.net().send(options(b, elsewhere, "x"), elsewhere))
                .isInstanceOf(TransportException.class).hasMessageContaining("limit");
    }

    @Test
    void deliversMessageSentOneByteAtATime() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        peer.setTcpNoDelay(true);
        byte[] text = request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-slow", "slow@x")
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = peer.getOutputStream();
        for (byte x : text) {
            out.write(x);
            out.flush();
        }
        assertThat(b.next().message().callId()).isEqualTo("slow@x");
    }

    @Test
    void closesGarbageConnectionAndKeepsServingOthers() throws Exception {
        Running b = fx.start(c -> { });
        Socket good = fx.tcpPeer(b.tcp());
        Socket bad = fx.tcpPeer(b.tcp());
        write(bad, "\u0001\u0002 this is not SIP at all\r\n\r\n");

        assertThat(closedByPeer(bad)).isTrue();
        write(good, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-good", "good@x"));
        assertThat(b.next().message().callId()).isEqualTo("good@x");
        NetFixture.await(() -> b.net().counters().tcpClosedBroken() == 1, "the broken close counted");
    }

    @Test
    void answersBrokenStreamWith400ThenCloses() throws Exception {
        Running b = fx.start(c -> { });
        Socket peer = fx.tcpPeer(b.tcp());
        String broken = request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-brk", "brk@x")
                .replace("Content-Length: 0\r\n", "");
        write(peer, broken);

        assertThat(readMessage(peer)).startsWith("SIP/2.0 400 ").contains("z9hG4bK-brk")
                .contains("Content-Length");
        assertThat(closedByPeer(peer)).isTrue();
    }

    @Test
    void answersOversizeStreamMessageWith513ThenCloses() throws Exception {
        Running b = fx.start(c -> c.parserLimits(ParserLimits.builder().maxMessageSize(2048).build()));
        Socket peer = fx.tcpPeer(b.tcp());
        String head = "MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-big\r\n"
                + "Call-ID: big@x\r\nCSeq: 1 MESSAGE\r\n";
        StringBuilder big = new StringBuilder(head);
        for (int i = 0; i < 5; i++) {
            big.append("X-Pad-").append(i).append(": ").append("p".repeat(1000)).append("\r\n");
        }
        write(peer, big.toString());

        assertThat(readMessage(peer)).startsWith("SIP/2.0 513 ").contains("z9hG4bK-big");
        assertThat(closedByPeer(peer)).isTrue();
    }

    @Test
    void cutsSilentConnectionsAtTheDeadlineAndLimit() throws Exception {
        Running b = fx.start(c -> c.maxTcpConnections(4).tcpMessageDeadline(Duration.ofMillis(300)));
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            silent.add(fx.tcpPeer(b.tcp()));
        }
        Socket dribbler = silent.getFirst();
        write(dribbler, "OPTIONS sip:bob@127.0.0.1 SIP/2.0\r\n");

        for (Socket s : silent) {
            assertThat(closedByPeer(s)).isTrue();
        }
        assertThat(b.net().counters().tcpRefused()).isEqualTo(2);
        NetFixture.await(() -> b.net().counters().tcpClosedDeadline() == 4, "four deadline closes counted");
        Socket good = fx.tcpPeer(b.tcp());
        write(good, request("OPTIONS", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-after", "after@x"));
        assertThat(b.next().message().callId()).isEqualTo("after@x");
    }

    @Test
    void switchesLargeRequestsFromUdpToTcp() throws Exception {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Hop planned = new Hop("UDP", b.tcp(), null);
        assertThat(a.net().chooseHop(planned, 1300)).isSameAs(planned);
        Hop chosen = a.net().chooseHop(planned, 1301);
        assertThat(chosen.transport()).isEqualTo("TCP");
        assertThat(chosen.remote()).isEqualTo(b.tcp());

        SipRequest big = SipRequest.builder(Method.MESSAGE, SipUri.of("bob", "127.0.0.1"))
                .header("Via", a.net().via(chosen, "z9hG4bK-mtu")).header("Max-Forwards", "70")
                .header("From", "<sip:alice@a>;tag=1").header("To", "<sip:bob@b>").header("Call-ID", "mtu@a")
                .header("CSeq", "1 MESSAGE").body("text/plain", "m".repeat(2000)).build();
        a.net().send(big, chosen);

        Received r = b.next();
        assertThat(r.hop().transport()).isEqualTo("TCP");
        assertThat(r.message().topVia().transport()).isEqualTo("TCP");
        assertThat(r.message().bodyLength()).isEqualTo(2000);
    }

    @Test
    void aLargeRequestStaysOnUdpWhenThePeerRefusesTcp() throws Exception {
        Running a = fx.start(c -> { });
        // a UDP-only peer: nothing takes TCP connections on its port
        DatagramSocket peer = fx.udpPeer();
        Hop planned = new Hop("UDP", new InetSocketAddress(NetFixture.loopback(), peer.getLocalPort()), null);
        Hop chosen = a.net().chooseHop(planned, 1301);
        assertThat(chosen.transport()).isEqualTo("TCP");
        assertThat(a.net().connectOrStayOnUdp(chosen, planned)).isSameAs(planned);
        assertThat(a.net().counters().tcpRefusedStayedOnUdp()).isEqualTo(1);
        assertThat(a.net().counters().tcpConnected()).isZero();
    }

    @Test
    void aLargeRequestKeepsItsTcpHopWhenThePeerTakesTheConnection() {
        Running a = fx.start(c -> { });
        Running b = fx.start(c -> { });
        Hop planned = new Hop("UDP", b.tcp(), null);
        Hop chosen = a.net().chooseHop(planned, 1301);
        assertThat(a.net().connectOrStayOnUdp(chosen, planned)).isSameAs(chosen);
        assertThat(a.net().counters().tcpConnected()).isEqualTo(1);
        assertThat(a.net().connectedTo(b.tcp())).isTrue();
        assertThat(a.net().counters().tcpRefusedStayedOnUdp()).isZero();
    }

    @Test
    void keepsLargeRequestsOnUdpWhenTheSwitchIsOff() {
        Running a = fx.start(c -> c.udpMtuThreshold(0));
        Hop planned = new Hop("UDP", new InetSocketAddress(NetFixture.loopback(), 5060), null);
        assertThat(a.net().chooseHop(planned, 60_000)).isSameAs(planned);
    }

    @Test
    void closesConnectionWhoseWriteIsStuckBecauseThePeerDoesNotRead() throws Exception {
        Running b = fx.start(c -> c.tcpWriteTimeout(Duration.ofMillis(300)).socketSendBuffer(4096));
        Socket peer = new Socket();
        peer.setReceiveBufferSize(4096);
        peer.connect(b.tcp(), 2000);
        try (peer) {
            write(peer, request("REGISTER", "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-stuck", "stuck@x"));
            Hop toPeer = b.next().hop();
            SipRequest big = SipRequest.builder(Method.MESSAGE, SipUri.of("bob", "127.0.0.1"))
                    .header("Via", b.net().via(toPeer, "z9hG4bK-big")).header("Max-Forwards", "70")
                    .header("From", "<sip:a@a>;tag=1").header("To", "<sip:b@b>").header("Call-ID", "big@b")
                    .header("CSeq", "1 MESSAGE").body("text/plain", "x".repeat(60_000)).build();

            long started = System.nanoTime();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    b.net().send(big, toPeer);
                }
            }).isInstanceOf(TransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(NetFixture.WAIT);
            NetFixture.await(() -> b.net().counters().tcpClosedWriteStall() == 1, "the stuck write counted");
            assertThat(b.net().connectedTo(toPeer.remote())).isFalse();
        }
    }
}
