package drachtio.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sipp runner itself. */
class SippTest {
    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    /**
     * Every common-pool worker is kept busy, as a sipp run that a failed test left behind kept
     * the only worker of a two-CPU machine: a new run must still start and finish.
     */
    @Test
    void startRunsSippWhileTheCommonPoolIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Void>> busy = new ArrayList<>();
        for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
            busy.add(CompletableFuture.runAsync(() -> {
                try {
                    // timed, so that the pool does not add a worker to make up for it
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            Sipp.Result r = Sipp.start(Duration.ofSeconds(10), "-v").get(30, TimeUnit.SECONDS);
            assertThat(r.output()).contains("SIPp v");
        } finally {
            release.countDown();
        }
        CompletableFuture.allOf(busy.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
}
