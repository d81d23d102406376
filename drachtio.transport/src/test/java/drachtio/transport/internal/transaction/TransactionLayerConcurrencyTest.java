package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.SipParser;
import drachtio.transport.SipTimers;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.WheelTimerService;
import drachtio.transport.internal.TransportSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many reader threads and the real timer thread at once: every request gets exactly one final
 * response, retransmissions are absorbed, and every transaction is forgotten at the end.
 */
class TransactionLayerConcurrencyTest {

    private static final class CountingSender implements TransportSender {
        final ConcurrentLinkedQueue<SipMessage> sent = new ConcurrentLinkedQueue<>();

        @Override
        public void send(SipMessage message, Hop hop) {
            sent.add(message);
        }

        @Override
        public void send(byte[] octets, Hop hop) {
            sent.add(SipParser.create().parseDatagram(octets));
        }

        @Override
        public Via via(Hop hop, String branch) {
            return Via.of(hop.transport(), "192.0.2.1", 5060, branch);
        }
    }

    @Test
    void concurrentRequestsRetransmissionsAndTimersLeaveNoTransactionBehind() throws Exception {
        int threads = 8;
        int perThread = 200;
        CountingSender sender = new CountingSender();
        RecordingTu tu = new RecordingTu();
        tu.answer = txn -> txn.respond(SipResponse.replyTo(txn.request(),
                txn.request().method().name().equals("INVITE") ? 486 : 200)
                .setHeader("To", "<sip:bob@example.com>;tag=uas").build());
        // prepare messages first: parsing is not what is measured
        List<List<SipRequest>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<SipRequest> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                String branch = "z9hG4bK-" + t + "-" + i;
                String method = i % 2 == 0 ? "INVITE" : "OPTIONS";
                SipRequest r = Sip.request(method, method, branch, 1, null, "c" + t + "-" + i);
                mine.add(r);
                mine.add(r);
                if (method.equals("INVITE")) {
                    mine.add(Sip.request("ACK", "ACK", branch, 1, "uas", "c" + t + "-" + i));
                }
            }
            work.add(mine);
        }
        try (WheelTimerService timers = WheelTimerService.start("sip-timers-concurrency-test")) {
            TransactionLayer layer = TransactionLayer.create(sender, timers, SipTimers.scaled(Duration.ofMillis(10)),
                    tu, TransactionLayer.Limits.defaults());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> readers = new ArrayList<>();
            for (List<SipRequest> mine : work) {
                readers.add(Thread.ofPlatform().name("reader-test").start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (SipRequest r : mine) {
                        layer.onMessage(r, Sip.UDP);
                    }
                }));
            }
            go.countDown();
            for (Thread t : readers) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (layer.live() > 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(layer.live()).isZero();
            assertThat(layer.stats().live()).isZero();
            assertThat(tu.requests).hasSize(threads * perThread);
            assertThat(layer.stats().retransmissionsAbsorbed()).isGreaterThanOrEqualTo((long) threads * perThread);
            assertThat(tu.acks).isEmpty();
            assertThat(tu.timeouts).isEmpty();
            assertThat(sender.sent).filteredOn(m -> m instanceof SipResponse r && r.status() >= 200)
                    .hasSizeGreaterThanOrEqualTo(threads * perThread);
        }
    }
}
