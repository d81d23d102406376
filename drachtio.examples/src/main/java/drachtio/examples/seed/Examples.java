package drachtio.examples.seed;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The seed examples, in the order of the seed README, and how a program runs one. */
public final class Examples {
    private static final List<Example> ALL = List.of(new OptionsPing(), new OptionsWithHeaders(), new InfoWithBody(),
            new RegisterUas(), new RegisterWithDigest(), new InviteUas(), new InviteUac(), new HeaderAccess());

    private Examples() {
    }

    /** @return every example, in the order of the seed README */
    public static List<Example> all() {
        return ALL;
    }

    /**
     * @param name an example's name
     * @return the example with that name
     */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * Runs an example in this JVM until it finishes or the JVM is asked to stop (Ctrl-C,
     * SIGTERM): then the console is stopped and the JVM waits a few seconds for the example to
     * finish (a server closes its App; a client in a call sends BYE).
     *
     * @param example the example
     * @param args its arguments
     * @param out where it prints
     * @return its exit status
     * @throws IllegalArgumentException when the arguments are wrong
     */
    public static int runAttached(Example example, List<String> args, PrintStream out) {
        Console console = Console.of(out, Console.defaultStack());
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().name("drachtio-example-stop").unstarted(() -> {
            console.stop();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return example.run(args, console);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is already running
            }
        }
    }

    /**
     * What each example's {@code main} does: runs it attached to stdout and exits with its
     * status, 2 for bad arguments.
     *
     * @param example the example
     * @param args the command line
     */
    static void launch(Example example, String[] args) {
        int status;
        try {
            status = runAttached(example, List.of(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(example.name() + ": " + e.getMessage());
            System.err.println("usage: " + example.name() + " " + example.arguments());
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }
}
