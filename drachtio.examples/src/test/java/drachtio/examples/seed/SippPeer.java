package drachtio.examples.seed;

import drachtio.testkit.Sipp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** sipp as the far end of an example, over UDP on 127.0.0.1. */
final class SippPeer {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

    private SippPeer() {
    }

    /**
     * Starts sipp as a UAS in the background and waits until it listens.
     *
     * @param scenario a file under src/test/resources/sipp
     * @param port where sipp listens
     * @return sipp's result, once it has handled one call
     */
    static CompletableFuture<Sipp.Result> uas(String scenario, int port) throws Exception {
        CompletableFuture<Sipp.Result> run = Sipp.start(RUN_LIMIT, "-sf", Sipp.scenario(scenario).toString(), "-p",
                Integer.toString(port), "-t", "u1", "-m", "1");
        Sipp.awaitListening("u1", port);
        return run;
    }

    /**
     * Runs sipp as a UAC against a server example until its calls are done.
     *
     * @param target {@code 127.0.0.1:port}
     * @param calls how many calls
     * @param scenario {@code -sf FILE}, {@code -sn NAME} and any more sipp options
     * @return sipp's result
     */
    static Sipp.Result uac(String target, int calls, String... scenario) throws Exception {
        List<String> args = new ArrayList<>(List.of(target, "-t", "u1", "-m", Integer.toString(calls), "-r", "20"));
        args.addAll(List.of(scenario));
        return Sipp.run(RUN_LIMIT, args.toArray(String[]::new));
    }

    /** @return {@code -sf} and the scenario's path */
    static String[] file(String scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario(scenario).toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
