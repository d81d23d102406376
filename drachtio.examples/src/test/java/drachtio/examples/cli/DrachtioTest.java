package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrachtioTest {

    @Test
    void helpListsEveryCommandOnStdoutAndExitsZero() {
        Cli r = Cli.run("--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("usage: drachtio COMMAND").contains("check").contains("exit status");
        assertThat(r.err()).isEmpty();
        assertThat(Cli.run("-h").out()).isEqualTo(r.out());
        assertThat(Cli.run("help").out()).isEqualTo(r.out());
    }

    @Test
    void noArgumentsPrintsHelpOnStderrAndExitsTwo() {
        Cli r = Cli.run();

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("usage: drachtio COMMAND");
    }

    @Test
    void unknownCommandExitsTwoNamingIt() {
        Cli r = Cli.run("frobnicate", "x");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void commandHelpShowsItsUsage() {
        Cli viaOption = Cli.run("check", "--help");
        Cli viaHelp = Cli.run("help", "check");

        assertThat(viaOption.status()).isZero();
        assertThat(viaOption.out()).startsWith("usage: drachtio check [--stream] FILE...");
        assertThat(viaHelp.status()).isZero();
        assertThat(viaHelp.out()).isEqualTo(viaOption.out());
    }

    @Test
    void helpOnUnknownCommandExitsTwo() {
        Cli r = Cli.run("help", "nope");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'nope'");
    }

    @Test
    void dispatchesToTheNamedCommandWithTheRemainingArguments() {
        Command echo = new Command() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public String summary() {
                return "prints its arguments";
            }

            @Override
            public String usage() {
                return "usage: drachtio echo ARGS...\n";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) {
                if (args.isEmpty()) {
                    throw new UsageException("nothing to echo");
                }
                out.println(String.join(" ", args));
                return 1;
            }
        };
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        Drachtio tool = new Drachtio(List.of(echo));

        int status = tool.run(List.of("echo", "a", "b"), new PrintStream(out, true), new PrintStream(err, true));
        int usage = tool.run(List.of("echo"), new PrintStream(out, true), new PrintStream(err, true));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).startsWith("a b\n");
        assertThat(usage).isEqualTo(2);
        assertThat(err.toString()).contains("drachtio echo: nothing to echo")
                .contains("usage: drachtio echo ARGS...")
                .contains("run 'drachtio echo --help'");
        assertThat(tool.help()).contains("echo   prints its arguments");
    }

    @Test
    void refusesTwoCommandsWithOneName() {
        Command check = new CheckCommand();

        assertThatThrownBy(() -> new Drachtio(List.of(check, check)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check");
    }
}
