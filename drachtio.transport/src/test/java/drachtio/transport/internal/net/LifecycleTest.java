package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.message.SipResponse;
import drachtio.transport.ListenPoint;
import drachtio.transport.TransportConfig;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetFixture.Running;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private final NetFixture fx = new NetFixture();

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void reportsBoundPortsOfSeveralListeners() {
        Running t = fx.start(TransportConfig.builder().listen(ListenPoint.udp("127.0.0.1", 0))
                .listen(ListenPoint.tcp("127.0.0.1", 0)).listen(ListenPoint.udp("127.0.0.1", 0)).build());
        var points = t.net().listenPoints();
        assertThat(points).hasSize(3);
        assertThat(points).allMatch(p -> p.port() > 0);
        assertThat(points.get(0).port()).isNotEqualTo(points.get(2).port());
        assertThat(points.get(1).protocol()).isEqualTo(ListenPoint.Protocol.TCP);
    }

    @Test
    void stopEndsEveryThreadAndRefusesToSend() throws Exception {
        Running t = fx.start(c -> c.udpWorkers(2));
        // the UDP reader and its two workers, the TCP acceptor and the reaper
        assertThat(t.net().liveThreads()).hasSize(5);
        assertThat(t.net().liveThreads()).filteredOn(n -> n.contains("-worker-")).hasSize(2);
        t.net().stop();
        assertThat(t.net().liveThreads()).isEmpty();
        Hop hop = new Hop("UDP", new InetSocketAddress(NetFixture.loopback(), 9), null);
        assertThatThrownBy(() -> t.net().send(SipResponse.builder(200).build(), hop))
                .isInstanceOf(TransportException.class);
        t.net().stop();
    }

    @Test
    void failsToStartWhenAPortIsTakenAndLeavesNothingOpen() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            TransportConfig config = TransportConfig.builder().listen(ListenPoint.tcp("127.0.0.1", 0))
                    .listen(ListenPoint.udp("127.0.0.1", taken.getLocalPort())).build();
            assertThatThrownBy(() -> NetworkTransport.start(config, (m, h) -> { }))
                    .isInstanceOf(TransportException.class).hasMessageContaining("cannot bind");
        }
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback");
        Running b = fx.start(TransportConfig.builder().listen(ListenPoint.udp("::1", 0)).build());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(5000);
            NetFixture.sendTo(peer, b.udp(), request("OPTIONS", "SIP/2.0/UDP [::1]:1;branch=z9hG4bK-v6;rport", "v6"));
            var r = b.next();
            assertThat(r.message().topVia().rport()).hasValue(peer.getLocalPort());
            var via = b.net().via(r.hop(), "z9hG4bK-x");
            assertThat(via.host()).isEqualTo("[::1]");
        }
    }

    @Test
    void viaNamesTheRoutedInterfaceForWildcardListener() {
        Running b = fx.start(TransportConfig.builder().listen(ListenPoint.udp("0.0.0.0", 0)).build());
        var via = b.net().via(new Hop("UDP", new InetSocketAddress(NetFixture.loopback(), 5060), null), "z9hG4bK-w");
        assertThat(via.host()).isEqualTo("127.0.0.1");
        assertThat(via.port()).isEqualTo(b.udp().getPort());
        assertThat(via.hasRport()).isTrue();
        assertThat(via.toString()).isEqualTo("SIP/2.0/UDP 127.0.0.1:" + b.udp().getPort() + ";branch=z9hG4bK-w;rport");
    }

    @Test
    void viaUsesTheAdvertisedHost() {
        Running b = fx.start(TransportConfig.builder()
                .listen(ListenPoint.tcp("127.0.0.1", 0).withAdvertisedHost("sip.example.com")).build());
        var via = b.net().via(new Hop("TCP", new InetSocketAddress(NetFixture.loopback(), 5060), null), "z9hG4bK-a");
        assertThat(via.sentBy()).isEqualTo("sip.example.com:" + b.tcp().getPort());
        assertThat(via.transport()).isEqualTo("TCP");
    }

    @Test
    void configDefaultsFollowTheRfcs() {
        TransportConfig c = TransportConfig.builder().listen(ListenPoint.udp("127.0.0.1", 5060)).build();
        assertThat(c.udpMtuThreshold()).isEqualTo(1300);
        assertThat(c.mtuSwitch()).isTrue();
        assertThat(c.tcpMessageDeadline()).isEqualTo(Duration.ofSeconds(32));
        assertThat(c.tcpIdleTimeout()).isGreaterThan(Duration.ofSeconds(120));
        assertThat(c.checkResponseSentBy()).isTrue();
        assertThatThrownBy(() -> TransportConfig.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListenPoint.udp("h", 70000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(InetAddress.ofLiteral("::1")) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
