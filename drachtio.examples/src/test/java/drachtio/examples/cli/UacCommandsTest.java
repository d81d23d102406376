package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code drachtio options} and {@code drachtio register} against an App on 127.0.0.1. */
class UacCommandsTest {
    private App server;
    private int udp;
    private int tcp;

    @BeforeEach
    void start() {
        server = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build());
        server.options((req, res) -> res.send(200, Parts.header("X-Seen", req.header("X-Probe").orElse("none"))
                .with("X-Transport", req.transport())));
        server.register((req, res) -> res.send(req.expires().orElse(-1) == 0 ? 202 : 200,
                Parts.header("X-Expires", req.expires().orElse(-1))));
        var bound = server.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));
        udp = bound.get(0).port();
        tcp = bound.get(1).port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void optionsPrintsTheResponseAndExitsZeroOn2xx() {
        Cli r = Cli.run("options", "-H", "X-Probe: hello", "sip:bob@127.0.0.1:" + udp);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines().getFirst()).isEqualTo("SIP/2.0 200 OK");
        assertThat(r.lines()).contains("X-Seen: hello", "X-Transport: UDP");
    }

    @Test
    void optionsGoesOverTcpWhenAsked() {
        Cli r = Cli.run("options", "--tcp", "sip:bob@127.0.0.1:" + tcp);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines()).contains("X-Transport: TCP");
    }

    @Test
    void optionsExitsOneWhenNobodyAnswers() {
        server.close();
        Cli r = Cli.run("options", "--timeout", "1", "sip:bob@127.0.0.1:" + udp);

        assertThat(r.status()).isEqualTo(Command.FAILED);
        assertThat(r.lines().getFirst()).startsWith("SIP/2.0 408");
    }

    @Test
    void registerSendsTheAddressOfRecordWithExpires() {
        Cli r = Cli.run("register", "--expires", "0", "sip:alice@127.0.0.1:" + udp);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.lines().getFirst()).isEqualTo("SIP/2.0 202 Accepted");
        assertThat(r.lines()).contains("X-Expires: 0")
                .anySatisfy(l -> assertThat(l).startsWith("To: <sip:alice@127.0.0.1:" + udp + ">;tag="));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(Cli.run("options").status()).isEqualTo(Command.USAGE);
        assertThat(Cli.run("options", "not-a-uri").status()).isEqualTo(Command.USAGE);
        assertThat(Cli.run("register", "--user", "nocolon", "sip:a@127.0.0.1").status()).isEqualTo(Command.USAGE);
        assertThat(Cli.run("options", "--frobnicate", "sip:a@127.0.0.1").err()).contains("unknown option --frobnicate");
    }
}
