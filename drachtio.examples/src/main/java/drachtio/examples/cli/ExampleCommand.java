package drachtio.examples.cli;

import drachtio.examples.seed.Example;
import drachtio.examples.seed.Examples;
import java.io.PrintStream;
import java.util.List;

/** {@code drachtio example [NAME [ARGS...]]}: runs one of the seed README's examples, or lists them. */
final class ExampleCommand implements Command {

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String summary() {
        return "run one of the seed README's examples (no name: list them)";
    }

    @Override
    public String usage() {
        return "usage: drachtio example [NAME [ARGS...]]\n\n"
                + "Runs a snippet of the drachtio-client README, written in Java. Client examples send to\n"
                + "the URI given; server examples listen until Ctrl-C or SIGTERM. Exit status 0 when it\n"
                + "went as the seed describes, 1 when the peer answered with a failure.\n\n"
                + list();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.print(list());
            return OK;
        }
        String name = args.getFirst();
        Example example = Examples.find(name).orElseThrow(() -> new UsageException(
                "unknown example '" + name + "'; run 'drachtio example' for the list"));
        try {
            return Examples.runAttached(example, args.subList(1, args.size()), out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(example.name() + ": " + e.getMessage() + " (arguments: "
                    + example.arguments() + ")");
        }
    }

    /** @return the examples, one per line: name, summary, arguments */
    static String list() {
        StringBuilder sb = new StringBuilder("examples:\n");
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Example e : Examples.all()) {
            sb.append("  ").append(e.name()).append(" ".repeat(width - e.name().length() + 3)).append(e.summary())
                    .append('\n').append("  ").append(" ".repeat(width + 3)).append(e.arguments()).append('\n');
        }
        return sb.toString();
    }
}
