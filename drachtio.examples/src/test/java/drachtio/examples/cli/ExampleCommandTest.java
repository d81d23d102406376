package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.spi.StackConfig;
import drachtio.examples.seed.Example;
import drachtio.examples.seed.Examples;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code drachtio example}: the list, running one, and its usage errors. */
class ExampleCommandTest {

    @Test
    void withoutANameListsEveryExampleWithItsSummary() {
        Cli r = Cli.run("example");

        assertThat(r.status()).isZero();
        assertThat(r.lines().getFirst()).isEqualTo("examples:");
        for (Example e : Examples.all()) {
            assertThat(r.out()).contains("  " + e.name() + " ").contains(e.summary()).contains(e.arguments());
        }
        assertThat(Examples.all()).extracting(Example::name).containsExactly("options-ping", "options-headers",
                "info-body", "register", "register-auth", "invite-uas", "invite-uac", "headers");
    }

    @Test
    void helpListsTheExampleCommand() {
        assertThat(Cli.run("--help").out()).contains("  example ");
        assertThat(Cli.run("example", "--help").out()).startsWith("usage: drachtio example [NAME [ARGS...]]")
                .contains("invite-uas");
    }

    @Test
    void anUnknownExampleIsAUsageError() {
        Cli r = Cli.run("example", "frobnicate");

        assertThat(r.status()).isEqualTo(Command.USAGE);
        assertThat(r.err()).contains("unknown example 'frobnicate'");
    }

    @Test
    void badExampleArgumentsAreUsageErrors() {
        assertThat(Cli.run("example", "options-ping", "--frob").err()).contains("options-ping: unknown option --frob");
        assertThat(Cli.run("example", "options-ping", "not-a-uri").status()).isEqualTo(Command.USAGE);
        assertThat(Cli.run("example", "register", "--listen", "udp:nowhere").status()).isEqualTo(Command.USAGE);
        assertThat(Cli.run("example", "invite-uas", "--ring", "soon").err()).contains("--ring needs a whole number");
    }

    @Test
    void runsTheNamedExampleWithItsArguments() {
        try (App server = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build())) {
            server.options((req, res) -> res.send(req.header("X-My-Special-thingy").isPresent() ? 200 : 400));
            int port = server.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();

            Cli r = Cli.run("example", "options-headers", "sip:1234@127.0.0.1:" + port);

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.lines()).containsExactly("response status was 200");
        }
    }

    @Test
    void aFailedExampleExitsOne() {
        try (App server = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build())) {
            server.info((req, res) -> res.send(415, Parts.header("Accept", "application/dtmf-relay")));
            int port = server.listen(Listen.udp("127.0.0.1", 0)).getFirst().port();

            Cli r = Cli.run("example", "info-body", "sip:1234@127.0.0.1:" + port);

            assertThat(r.status()).isEqualTo(Command.FAILED);
            assertThat(r.lines()).containsExactly("response status was 415");
        }
    }
}
