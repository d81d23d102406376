package drachtio.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Via;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ResponseRoutingTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 5060);
    private static final InetSocketAddress SOURCE = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.4"), 40000);
    private static final Hop UDP_IN = new Hop("UDP", SOURCE, LOCAL);

    private static InetSocketAddress at(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }

    @Test
    void usesReceivedAndRportValue() {
        Via v = Via.of("UDP", "192.0.2.1", 5070, "z9hG4bK-1").withParameter("received", "198.51.100.4")
                .withParameter("rport", "40000");
        assertThat(ResponseRouting.route(v, UDP_IN)).isEqualTo(new Hop("UDP", at("198.51.100.4", 40000), LOCAL));
    }

    @Test
    void usesSentByPortWithoutRport() {
        Via v = Via.of("UDP", "client.example.com", 5070, "z9hG4bK-1").withParameter("received", "198.51.100.4");
        assertThat(ResponseRouting.route(v, UDP_IN).remote()).isEqualTo(at("198.51.100.4", 5070));
    }

    @Test
    void usesPort5060WhenSentByHasNoPort() {
        Via v = Via.of("UDP", "198.51.100.4", -1, "z9hG4bK-1");
        assertThat(ResponseRouting.route(v, UDP_IN).remote()).isEqualTo(at("198.51.100.4", 5060));
    }

    @Test
    void usesSourceAddressWhenNoReceived() {
        Via v = Via.of("UDP", "198.51.100.4", 5080, "z9hG4bK-1");
        assertThat(ResponseRouting.route(v, UDP_IN).remote()).isEqualTo(at("198.51.100.4", 5080));
    }

    @Test
    void sendsToMaddrAtSentByPort() {
        Via v = Via.of("UDP", "192.0.2.1", 5070, "z9hG4bK-1").withParameter("maddr", "239.255.255.1")
                .withParameter("received", "198.51.100.4").withParameter("rport", "40000");
        assertThat(ResponseRouting.route(v, UDP_IN).remote()).isEqualTo(at("239.255.255.1", 5070));
    }

    @Test
    void aMaddrThatIsANameIsNotLookedUpOnTheReaderAndTheResponseGoesWhereRportSays() {
        // .invalid never resolves (RFC 2606); a lookup would also take the resolver's time
        Via v = Via.of("UDP", "192.0.2.1", 5070, "z9hG4bK-1").withParameter("maddr", "slow.example.invalid")
                .withParameter("received", "198.51.100.4").withParameter("rport", "40000");
        assertThat(ResponseRouting.route(v, UDP_IN).remote()).isEqualTo(at("198.51.100.4", 40000));
    }

    @Test
    void keepsTheConnectionOnReliableTransports() {
        Hop tcp = new Hop("TCP", SOURCE, LOCAL);
        Via v = Via.of("TCP", "192.0.2.1", 5070, "z9hG4bK-1").withParameter("received", "198.51.100.4");
        assertThat(ResponseRouting.route(v, tcp)).isSameAs(tcp);
    }

    @Test
    void fallsBackToReceivedAndSentByPortForANewConnection() {
        Via v = Via.of("TCP", "192.0.2.1", 5070, "z9hG4bK-1").withParameter("received", "198.51.100.4")
                .withParameter("rport", "40000");
        assertThat(ResponseRouting.reliableFallback(v)).isEqualTo(at("198.51.100.4", 5070));
        assertThat(ResponseRouting.reliableFallback(Via.of("TLS", "[2001:db8::1]", -1, "z9hG4bK-1")))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::1"), 5061));
    }
}
