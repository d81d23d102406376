package drachtio.dialog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The arrival order of a dialog's requests, from the reader's tickets to the serving lock. */
class ArrivalsTest {

    @Test
    void turnsGoInTicketOrderAndATurnPassedEarlyIsNotWaitedForAgain() throws Exception {
        Arrivals a = new Arrivals();
        a.arrived("first");
        a.arrived("second");
        a.arrived("bye");
        long first = a.claim("first");
        long second = a.claim("second");
        long bye = a.claim("bye");
        List<Long> order = new CopyOnWriteArrayList<>();

        Thread late = Thread.ofVirtual().start(() -> {
            a.awaitTurn(second, Duration.ofSeconds(5));
            order.add(second);
            a.pass(second);
        });
        a.pass(bye); // a BYE does not wait for its turn
        Thread.sleep(50);
        assertThat(order).as("the second waits for the first").isEmpty();
        assertThat(a.waiting()).isTrue();
        order.add(first);
        a.pass(first);
        late.join();

        assertThat(order).containsExactly(first, second);
        assertThat(a.waiting()).as("every turn passed, the BYE's early one too").isFalse();
    }

    @Test
    void aTurnThatNeverComesIsGivenUpAfterTheBoundAndOnlyOnce() {
        Arrivals a = new Arrivals();
        a.arrived("lost"); // its thread never runs
        long next = a.claim("next");
        long after = a.claim("after");

        long start = System.nanoTime();
        a.awaitTurn(next, Duration.ofMillis(100));
        a.pass(next);
        a.awaitTurn(after, Duration.ofSeconds(5));
        a.pass(after);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(a.claim("unknown")).as("a request no reader saw takes the next ticket").isEqualTo(3);
    }
}
