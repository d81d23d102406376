package drachtio.examples.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of the {@code drachtio} tool. Register a new one in {@link Drachtio#COMMANDS}.
 *
 * <p>A command writes results to {@code out} and diagnostics to {@code err}, never calls
 * {@link System#exit}, and reports bad arguments by throwing {@link UsageException} (the
 * dispatcher prints it with the command's usage and exits with {@link #USAGE}).
 */
public interface Command {
    /** Exit status: everything checked out. */
    int OK = 0;
    /** Exit status: the command ran and found a problem (for {@code check}: an invalid message). */
    int FAILED = 1;
    /** Exit status: bad command line or unreadable input. */
    int USAGE = 2;

    /** @return the name typed after {@code drachtio} */
    String name();

    /** @return a one-line summary for {@code drachtio --help} */
    String summary();

    /** @return the full usage text for {@code drachtio help NAME} and {@code drachtio NAME --help} */
    String usage();

    /**
     * @param args the arguments after the command name
     * @param out where results go
     * @param err where diagnostics go
     * @return the exit status: {@link #OK}, {@link #FAILED} or {@link #USAGE}
     * @throws UsageException when the arguments are wrong
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
