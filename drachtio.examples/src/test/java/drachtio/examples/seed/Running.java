package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Listen;
import drachtio.api.spi.StackConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An example running on a virtual thread of the test, with T1 = 100 ms, printing into a
 * transcript the test can wait on line by line.
 */
final class Running implements AutoCloseable {
    static final Duration T1 = Duration.ofMillis(100);
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Transcript transcript = new Transcript();
    private final Console console;
    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    private Running(Example example, List<String> args) {
        console = Console.of(new PrintStream(transcript, true, StandardCharsets.UTF_8),
                StackConfig.builder().t1(T1).shutdownGrace(Duration.ofMillis(100)).build());
        Thread.ofVirtual().name("example-" + example.name()).start(() -> {
            try {
                status.complete(example.run(args, console));
            } catch (Throwable t) {
                status.completeExceptionally(t);
            }
        });
    }

    /** Starts the example; a server example is listening when this returns. */
    static Running start(Example example, String... args) {
        Running r = new Running(example, List.of(args));
        if (List.of(args).contains("--listen")) {
            r.app();
        }
        return r;
    }

    /** Starts a server example on an ephemeral UDP port of 127.0.0.1. */
    static Running server(Example example, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "--listen";
        args[1] = "udp:127.0.0.1:0";
        System.arraycopy(more, 0, args, 2, more.length);
        return start(example, args);
    }

    /** @return the example's App, once started */
    App app() {
        return console.awaitApp(WAIT);
    }

    /** @return the first address the example's App listens on */
    Listen address() {
        return app().listening().getFirst();
    }

    /** @return {@code 127.0.0.1:port} of the server, for sipp */
    String target() {
        return "127.0.0.1:" + address().port();
    }

    /**
     * @param count how many lines must contain the text
     * @param text what to look for
     * @return every line printed so far
     */
    List<String> awaitLines(int count, String text) throws InterruptedException {
        return transcript.await(count, text, WAIT);
    }

    /** @return every line printed so far */
    List<String> lines() {
        return transcript.lines();
    }

    /** @return the exit status, once the example finished by itself */
    int awaitStatus() throws Exception {
        return status.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Stops the example (Ctrl-C on the command line) and returns its exit status. */
    int stop() throws Exception {
        console.stop();
        return awaitStatus();
    }

    @Override
    public void close() throws Exception {
        if (!status.isDone()) {
            stop();
        }
    }

    /** What the example printed, with a wait for a line. */
    private static final class Transcript extends OutputStream {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            text.append((char) b);
            if (b == '\n') {
                notifyAll();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            text.append(new String(b, off, len, StandardCharsets.UTF_8));
            notifyAll();
        }

        synchronized List<String> lines() {
            return text.toString().lines().toList();
        }

        synchronized List<String> await(int count, String needle, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lines().stream().filter(l -> l.contains(needle)).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + count + " line(s) with '" + needle + "' within " + timeout
                            + "; printed:\n" + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return lines();
        }
    }
}
