package drachtio.benchmarks.load;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import java.util.concurrent.CountDownLatch;

/**
 * The same answers as {@link LoadServer}, written as an App with express-style routes, so the
 * load script can put the App's routing cost beside the bare stack's.
 */
final class AppLoadServer {

    private AppLoadServer() {
    }

    static void run(String host, int port) throws InterruptedException {
        App app = Drachtio.app();
        app.options((req, res) -> res.send(200));
        app.listen(Listen.udp(host, port));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(app::close));
        System.out.println("listening " + app.listening().getFirst());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
