package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** app.close() while INVITEs are still in their handlers: the calls they answer must not outlive the App. */
class CloseDuringSetupTest {
    private static final StackConfig QUICK = StackConfig.builder().t1(Duration.ofMillis(100))
            .shutdownGrace(Duration.ofMillis(1000)).build();
    private final App server = Drachtio.app(QUICK);
    private final App client = Drachtio.app(QUICK);
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        pool.shutdownNow();
        client.close();
        server.close();
    }

    @Test
    @Timeout(20)
    void aCallAnsweredDuringTheCloseGraceIsEndedAndLeavesNoDialog() throws Exception {
        int calls = 20;
        server.listen(Listen.udp("127.0.0.1", 0));
        client.listen(Listen.udp("127.0.0.1", 0));
        String uri = "sip:bob@127.0.0.1:" + server.listening().getFirst().port();
        CountDownLatch ringing = new CountDownLatch(calls);
        CountDownLatch closing = new CountDownLatch(1);
        server.invite((req, res) -> {
            res.send(180);
            ringing.countDown();
            closing.await(5, TimeUnit.SECONDS);
            Thread.sleep(100); // the close has begun; the stack's grace lets in-flight handlers answer
            res.answer(Parts.NONE);
        });
        List<Future<Dialog>> placed = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            placed.add(pool.submit(() -> client.uac().call(uri, Parts.NONE)));
        }
        assertThat(ringing.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofVirtual().start(server::close);
        closing.countDown();
        assertThat(closer.join(Duration.ofSeconds(5))).as("close() returned").isTrue();

        List<Dialog> up = new ArrayList<>();
        for (Future<Dialog> f : placed) {
            try {
                up.add(f.get(5, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException failed) {
                // refused by the closing App: fine
            }
        }
        Thread.sleep(500);
        // RFC 3261 15 / ARCHITECTURE.md: "app.close() ends live dialogs with BYE (APP_CLOSED)"
        assertThat(server.dialogs().count()).as("live dialogs of the closed server App (calls up: " + up.size() + ")")
                .isZero();
        assertThat(up).as("calls still up at the caller after the callee App closed").noneMatch(Dialog::active);
    }
}
