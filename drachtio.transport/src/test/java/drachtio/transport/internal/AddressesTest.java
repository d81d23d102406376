package drachtio.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

    private static String text(String literal) {
        return Addresses.plain(InetAddress.ofLiteral(literal));
    }

    @Test
    void writesIpv6TheRfc5952Way() {
        assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(text("::")).isEqualTo("::");
        assertThat(text("2001:DB8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(text("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(text("fe80:0:0:0:0:0:0:0")).isEqualTo("fe80::");
        assertThat(text("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(text("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(Addresses.hostText(InetAddress.ofLiteral("::1"))).isEqualTo("[::1]");
    }

    @Test
    void readsLiteralsWithoutDns() {
        assertThat(Addresses.literal("[2001:db8::1]")).isEqualTo(InetAddress.ofLiteral("2001:db8::1"));
        assertThat(Addresses.literal("192.0.2.1")).isEqualTo(InetAddress.ofLiteral("192.0.2.1"));
        assertThat(Addresses.literal("host.example.com")).isNull();
        assertThat(Addresses.literal("[]")).isNull();
    }
}
