package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SipTargetsTest {

    @Test
    void resolvesLiteralWithDefaultPortAndUdp() {
        var hop = SipTargets.resolve(SipUri.of("bob", "192.0.2.5"));
        assertThat(hop.transport()).isEqualTo("UDP");
        assertThat(hop.remote()).isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("192.0.2.5"), 5060));
        assertThat(hop.local()).isNull();
    }

    @Test
    void takesPortAndTransportFromTheUri() {
        var hop = SipTargets.resolve("sip:alice@[2001:db8::5]:5080;transport=tcp");
        assertThat(hop.transport()).isEqualTo("TCP");
        assertThat(hop.remote()).isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::5"), 5080));
    }

    @Test
    void resolvesNamesWithTheSystemResolver() {
        var hop = SipTargets.resolve(new SipUri(false, null, null, "localhost", 5070, Parameters.EMPTY,
                Parameters.EMPTY));
        assertThat(hop.remote().getAddress().isLoopbackAddress()).isTrue();
        assertThat(hop.remote().getPort()).isEqualTo(5070);
    }

    @Test
    void sipsMeansTlsOn5061() {
        var hop = SipTargets.resolve(new SipUri(true, "a", null, "192.0.2.5", -1, Parameters.EMPTY, Parameters.EMPTY));
        assertThat(hop.transport()).isEqualTo("TLS");
        assertThat(hop.remote().getPort()).isEqualTo(5061);
    }

    @Test
    void sipsWithATransportParameterIsStillTlsNeverPlainTcpOrUdp() {
        assertThat(SipTargets.resolve("sips:a@192.0.2.5;transport=tcp").transport()).isEqualTo("TLS");
        assertThat(SipTargets.resolve("sips:a@192.0.2.5;transport=udp").transport()).isEqualTo("TLS");
        assertThat(SipTargets.resolve("sips:a@192.0.2.5;transport=tcp").remote().getPort()).isEqualTo(5061);
        assertThat(SipTargets.resolve("sip:a@192.0.2.5;transport=tcp").transport()).isEqualTo("TCP");
    }
}
