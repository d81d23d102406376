package drachtio.examples.serve;

import drachtio.api.Listen;
import drachtio.api.Login;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Starts {@code drachtio serve} and keeps it running until the JVM is asked to stop. */
public final class Serve {

    private Serve() {
    }

    /**
     * Runs the server until SIGTERM or SIGINT; the shutdown hook closes it cleanly.
     *
     * @param listen addresses, empty for the defaults
     * @param realm the digest realm
     * @param users who may register
     * @param algorithms digest algorithms offered, most preferred first; empty for SHA-256, MD5
     * @param log where event lines go
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void runUntilStopped(List<Listen> listen, String realm, List<Login> users, List<String> algorithms,
                                       PrintStream log)
            throws InterruptedException {
        ServeConfig defaults = ServeConfig.defaults();
        ServeConfig config = new ServeConfig(listen.isEmpty() ? defaults.listen() : listen, realm, ServeConfig.users(users),
                algorithms.isEmpty() ? ServeConfig.DEFAULT_ALGORITHMS : algorithms);
        SipServer server = SipServer.start(config, log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("drachtio-serve-stop").unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
