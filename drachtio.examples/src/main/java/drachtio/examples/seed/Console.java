package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Listen;
import drachtio.api.header.SipUri;
import drachtio.api.message.SipParseException;
import drachtio.api.spi.StackConfig;
import drachtio.parser.Grammars;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an {@link Example} runs with: where it prints, the stack settings for its App, and a stop
 * signal (Ctrl-C on the command line, {@link #stop()} in a test). The App an example starts is
 * published here ({@link #serve}, {@link #client}) so a test can find its address and its
 * dialogs with {@link #awaitApp(Duration)}. Safe to use from any thread.
 */
public final class Console {
    private final PrintStream out;
    private final StackConfig stack;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final CompletableFuture<App> app = new CompletableFuture<>();

    private Console(PrintStream out, StackConfig stack) {
        this.out = out;
        this.stack = stack;
    }

    /**
     * @param out where the example prints
     * @param stack timers and limits for the example's App (a test shortens T1)
     * @return a console, not stopped
     */
    public static Console of(PrintStream out, StackConfig stack) {
        return new Console(out, stack);
    }

    /** @return the settings for a command-line run: default timers, a short shutdown grace */
    public static StackConfig defaultStack() {
        return StackConfig.builder().shutdownGrace(Duration.ofMillis(500)).build();
    }

    /** @return where the example prints */
    public PrintStream out() {
        return out;
    }

    /** @return the settings to create the example's App with: {@code Drachtio.app(console.stack())} */
    public StackConfig stack() {
        return stack;
    }

    /**
     * Starts a server example's App on these addresses, says where it listens, and blocks until
     * the console is stopped.
     *
     * @param server the App, its routes set
     * @param addresses where to listen
     * @return the addresses bound
     * @throws UncheckedIOException when an address cannot be bound
     */
    public List<Listen> serve(App server, List<Listen> addresses) {
        List<Listen> bound = server.listen(addresses.toArray(Listen[]::new));
        out.println("listening on " + String.join(", ", bound.stream().map(Listen::toString).toList())
                + "; Ctrl-C stops");
        app.complete(server);
        awaitStopOr(new CompletableFuture<>());
        return bound;
    }

    /**
     * Starts a client example's App on an ephemeral port of the local address that routes to
     * the target (UDP, or TCP for {@code ;transport=tcp}), so its Via and Contact are reachable
     * from there.
     *
     * @param client the App
     * @param target the URI the example will send to
     * @throws IllegalArgumentException when the target is not a SIP URI
     * @throws UncheckedIOException when no local address routes to the target
     */
    public void client(App client, String target) {
        SipUri uri;
        try {
            uri = Grammars.SIP_URI.parse(target);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("not a SIP URI: " + target + " (" + e.reason() + ")", e);
        }
        String local = localAddressFor(uri.host());
        boolean tcp = uri.transport().map(t -> t.equalsIgnoreCase("tcp")).orElse(false);
        client.listen(tcp ? Listen.tcp(local, 0) : Listen.udp(local, 0));
        app.complete(client);
    }

    private static String localAddressFor(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try (DatagramSocket probe = new DatagramSocket()) {
            // connecting a datagram socket sends nothing; it only asks the kernel for a route
            probe.connect(new InetSocketAddress(InetAddress.getByName(bare), 5060));
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : local.getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + host, e);
        }
    }

    /**
     * Blocks until the event happens or the console is stopped, whichever is first.
     *
     * @param event what the example waits for, e.g. the end of a call
     * @param <T> its value
     * @return the event's value, or empty when the console was stopped (or the thread interrupted)
     */
    public <T> Optional<T> awaitStopOr(CompletableFuture<T> event) {
        try {
            CompletableFuture.anyOf(event, stopped).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
        return event.isDone() && !event.isCompletedExceptionally() ? Optional.ofNullable(event.join()) : Optional.empty();
    }

    /** Asks the example to finish: a server stops serving, a client in a call hangs up. Idempotent. */
    public void stop() {
        stopped.complete(null);
    }

    /** @return whether {@link #stop()} was called */
    public boolean stopped() {
        return stopped.isDone();
    }

    /**
     * For tests: waits until the example has started its App.
     *
     * @param timeout how long to wait
     * @return the App, listening
     * @throws IllegalStateException when it did not start in time
     */
    public App awaitApp(Duration timeout) {
        try {
            return app.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the example's App", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the example did not start its App within " + timeout, e);
        }
    }
}
