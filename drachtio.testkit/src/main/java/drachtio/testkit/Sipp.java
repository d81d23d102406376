package drachtio.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real sipp (Debian package sip-tester) on 127.0.0.1 and reports how its calls went.
 * Every run is bounded: sipp's own -timeout plus a hard kill.
 */
public final class Sipp {
    /**
     * What a sipp run ended with.
     *
     * @param exitCode sipp's exit status
     * @param output everything sipp printed
     */
    public record Result(int exitCode, String output) {
        /** @return whether every call succeeded (sipp exits 0 only then) */
        public boolean allSucceeded() {
            return exitCode == 0;
        }

        /**
         * @param statistic a statistic such as "Successful call" or "Failed call"
         * @return the last count sipp printed for it, -1 when none
         */
        public long count(String statistic) {
            long last = -1;
            for (String line : output.split("\n")) {
                if (line.contains(statistic)) {
                    String[] parts = line.split("\\|");
                    if (parts.length >= 3) {
                        try {
                            last = Long.parseLong(parts[2].trim());
                        } catch (NumberFormatException e) {
                            // header lines carry no number
                        }
                    }
                }
            }
            return last;
        }
    }

    private Sipp() {
    }

    public static Path scenario(String name) {
        return Path.of("src/test/resources/sipp", name).toAbsolutePath();
    }

    /**
     * @return a free local UDP and TCP port for sipp to bind (asked of the OS, then released)
     * @throws IOException when none is found
     */
    public static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException e) {
                    // taken on UDP: try another
                }
            }
        }
        throw new IOException("no free port found");
    }

    /**
     * @param limit the longest the run may take
     * @param args sipp arguments (the address, -sn/-sf, -m, -t ...); -nostdin, -i, -timeout and
     *     -timeout_error are added
     * @return the result
     * @throws IOException when sipp cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    public static Result run(Duration limit, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sipp", "-nostdin", "-i", "127.0.0.1", "-timeout",
                limit.toSeconds() + "s", "-timeout_error", "-max_recv_loops", "1000"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("sipp", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .directory(Files.createTempDirectory("sipp").toFile()).start();
        boolean done = p.waitFor(limit.toSeconds() + 15, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        if (!done) {
            throw new AssertionError("sipp did not stop by itself: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    /**
     * Runs sipp in the background, as {@link #run} does, for a test that drives it meanwhile
     * (sipp as a UAS, or several sipp runs at once). Each run waits on a thread of its own, not
     * in the common pool: that pool has a single worker on a two-CPU machine, and a run blocks
     * it for as long as sipp runs, so one sipp left running by a failed test held back every
     * later start until its timeout (they then failed to listen or timed out).
     *
     * @param limit the longest the run may take
     * @param args sipp arguments, as for {@link #run}
     * @return the result once sipp has stopped; fails with an {@link IllegalStateException}
     *     when sipp could not be run
     */
    public static CompletableFuture<Result> start(Duration limit, String... args) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Thread.ofPlatform().name("sipp-run").daemon(true).start(() -> {
            try {
                result.complete(run(limit, args));
            } catch (IOException e) {
                result.completeExceptionally(new IllegalStateException("sipp could not be run", e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(new IllegalStateException("interrupted while sipp ran", e));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Waits until something listens on the port (read from /proc/net, Linux): sipp takes a
     * moment to bind after it starts.
     *
     * @param transport u1 or t1
     * @param port the port
     * @throws IOException when /proc/net cannot be read
     * @throws InterruptedException when interrupted while waiting
     */
    public static void awaitListening(String transport, int port) throws IOException, InterruptedException {
        Path table = Path.of(transport.startsWith("t") ? "/proc/net/tcp" : "/proc/net/udp");
        String needle = String.format(":%04X ", port);
        for (int i = 0; i < 200; i++) {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                // local_address is field 1; for TCP only LISTEN (state 0A) counts
                if (f.length > 3 && (f[1] + " ").endsWith(needle) && (!transport.startsWith("t") || f[3].equals("0A"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("sipp did not start listening on " + transport + " port " + port);
    }

    /**
     * Fails with a clear message when sipp is missing (.ci/run installs sip-tester).
     *
     * @throws IOException never in practice: a missing sipp is an AssertionError
     * @throws InterruptedException when interrupted while waiting
     */
    public static void requireInstalled() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("sipp is not installed: apt-get install -y sip-tester", e);
        }
        p.getInputStream().readAllBytes();
        p.waitFor();
    }
}
