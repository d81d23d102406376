package drachtio.examples.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code drachtio} command: {@code drachtio COMMAND [ARGS...]}. It looks the command up by
 * name and runs it; {@code drachtio --help} lists the commands.
 *
 * <p>Exit status: 0 success, 1 the command found a problem, 2 a usage error.
 */
public final class Drachtio {
    /** The subcommands in the order {@code --help} lists them; add new ones here. */
    static final List<Command> COMMANDS = List.of(new CheckCommand(), new ServeCommand(), new OptionsCommand(), new RegisterCommand(), new ExampleCommand());

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param commands the subcommands to offer, in help order
     */
    Drachtio(List<Command> commands) {
        for (Command c : commands) {
            if (this.commands.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two commands named " + c.name());
            }
        }
    }

    /** A dispatcher over {@link #COMMANDS}. */
    public Drachtio() {
        this(COMMANDS);
    }

    /**
     * Runs the tool and exits the JVM with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // a tool's stderr carries warnings and errors only, unless the user asks for more
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int status = new Drachtio().run(List.of(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * @param args the command line after {@code drachtio}
     * @param out where results and help go
     * @param err where diagnostics go
     * @return the exit status
     */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(help());
            return Command.USAGE;
        }
        String first = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        if (first.equals("-h") || first.equals("--help")) {
            out.print(help());
            return Command.OK;
        }
        if (first.equals("help")) {
            return helpOn(rest, out, err);
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println("drachtio: unknown command '" + first + "'; run 'drachtio --help' for the list");
            return Command.USAGE;
        }
        if (wantsHelp(rest)) {
            out.print(command.usage());
            return Command.OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("drachtio " + command.name() + ": " + e.getMessage());
            err.println(command.usage().lines().findFirst().orElse(""));
            err.println("run 'drachtio " + command.name() + " --help' for more");
            return Command.USAGE;
        }
    }

    /** @return whether {@code -h} or {@code --help} comes before any {@code --} */
    private static boolean wantsHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    private int helpOn(List<String> topics, PrintStream out, PrintStream err) {
        if (topics.isEmpty()) {
            out.print(help());
            return Command.OK;
        }
        Command command = commands.get(topics.getFirst());
        if (command == null) {
            err.println("drachtio help: unknown command '" + topics.getFirst() + "'");
            return Command.USAGE;
        }
        out.print(command.usage());
        return Command.OK;
    }

    /** @return the overall help text */
    String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: drachtio COMMAND [ARGS...]\n\n");
        sb.append("SIP tools from drachtio for Java.\n\n");
        sb.append("commands:\n");
        int width = 0;
        for (String name : commands.keySet()) {
            width = Math.max(width, name.length());
        }
        for (Command c : commands.values()) {
            sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 3)).append(c.summary())
                    .append('\n');
        }
        sb.append("\nrun 'drachtio help COMMAND' or 'drachtio COMMAND --help' for a command's options.\n");
        sb.append("exit status: 0 success, 1 a problem found, 2 usage error.\n");
        return sb.toString();
    }
}
