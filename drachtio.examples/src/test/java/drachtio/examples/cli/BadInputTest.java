package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.spi.StackConfig;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input to the {@code drachtio} tool ends in a message and an exit status, never a stack trace. */
class BadInputTest {

    private static DatagramSocket busyUdpPort() throws Exception {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** App.listen's javadoc: "@throws java.io.UncheckedIOException when an address cannot be bound". */
    @Test
    void listeningOnABusyPortThrowsUncheckedIoException() throws Exception {
        try (DatagramSocket busy = busyUdpPort();
             App app = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build())) {
            assertThatThrownBy(() -> app.listen(Listen.udp("127.0.0.1", busy.getLocalPort())))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void serveOnABusyPortSaysItCannotListen() throws Exception {
        try (DatagramSocket busy = busyUdpPort()) {
            Cli r = Cli.run("serve", "--listen", "udp:127.0.0.1:" + busy.getLocalPort());

            assertThat(r.status()).isEqualTo(Command.FAILED);
            assertThat(r.err()).startsWith("drachtio serve: cannot listen");
        }
    }

    @Test
    void aMalformedFromHeaderIsReportedNotThrown() {
        Cli r = Cli.run("options", "--timeout", "1", "-H", "From: <sip:x@127.0.0.1", "sip:bob@127.0.0.1:9");

        assertThat(r.status()).isEqualTo(Command.FAILED);
        assertThat(r.err()).startsWith("drachtio options: ").contains("'>' expected").doesNotContain("\tat ");
    }

    @Test
    void aTransportTheStackCannotUseIsReportedNotThrown() {
        Cli r = Cli.run("options", "--timeout", "1", "sip:bob@127.0.0.1:9;transport=sctp");

        // the stack's 503 for a transport it lacks (RFC 3261 8.1.3.1), printed as any answer
        assertThat(r.status()).isEqualTo(Command.FAILED);
        assertThat(r.out() + r.err()).containsIgnoringCase("sctp").doesNotContain("\tat ");
    }
}
