package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.receive;
import static drachtio.transport.internal.net.NetFixture.request;
import static drachtio.transport.internal.net.NetFixture.sendTo;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.transport.internal.net.NetCounters.Drop;
import drachtio.transport.internal.net.NetFixture.Running;
import java.net.DatagramSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpWorkersTest {
    private final NetFixture fx = new NetFixture();

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private static String inDialog(String method, String branch, String callId) {
        return request(method, "SIP/2.0/UDP 127.0.0.1:1;branch=" + branch, callId)
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1");
    }

    @Test
    void aBusyWorkerTurnsNewRequestsAwayWith503ButQueuesWhatEndsCalls() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // one worker, four places: new requests may take two of them
        Running b = fx.start(fx.config(c -> c.udpWorkers(1).udpQueueCapacity(4)), m -> {
            if (m.callId().equals("first")) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("INVITE", "SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK-first", "first"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 5; i++) {
            sendTo(peer, b.udp(), request("INVITE", "SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort()
                    + ";branch=z9hG4bK-i" + i, "new" + i));
        }
        // INVITEs 2 and 3 queue; 4 and 5 find the queue half full and get 503 at once
        List<String> busy = List.of(receive(peer), receive(peer));
        assertThat(busy).allSatisfy(r -> {
            assertThat(r).startsWith("SIP/2.0 503 ");
            assertThat(r).contains("Retry-After: 5");
            assertThat(r).containsPattern("To: <sip:bob@example.com>;tag=\\S+");
        });
        assertThat(busy).anyMatch(r -> r.contains("Call-ID: new4")).anyMatch(r -> r.contains("Call-ID: new5"));
        // a BYE and an ACK in dialogs still fit
        sendTo(peer, b.udp(), inDialog("BYE", "z9hG4bK-bye", "old1"));
        sendTo(peer, b.udp(), inDialog("ACK", "z9hG4bK-ack", "old2"));
        NetFixture.await(() -> b.net().counters().dropped(Drop.OVERLOAD) == 2, "two requests shed");
        release.countDown();
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delivered.add(b.next().message().callId());
        }
        assertThat(delivered).containsExactly("first", "new2", "new3", "old1", "old2");
        assertThat(b.inbox().poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(b.net().counters().dropped(Drop.OVERLOAD)).isEqualTo(2);
    }

    @Test
    void oneCallsMessagesKeepTheirOrderAcrossWorkers() throws Exception {
        Running b = fx.start(fx.config(c -> c.udpWorkers(4)), m -> { });
        DatagramSocket peer = fx.udpPeer();
        int calls = 20;
        for (int step = 0; step < 5; step++) {
            for (int c = 0; c < calls; c++) {
                sendTo(peer, b.udp(), inDialog("INFO", "z9hG4bK-" + c + "-" + step, "call" + c)
                        .replace("CSeq: 1 INFO", "CSeq: " + (step + 1) + " INFO"));
            }
        }
        int[] last = new int[calls];
        for (int i = 0; i < calls * 5; i++) {
            var m = b.next().message();
            int c = Integer.parseInt(m.callId().substring(4));
            long seq = m.cseq().sequence();
            assertThat(seq).as("call %d in order", c).isEqualTo(last[c] + 1);
            last[c] = (int) seq;
        }
    }
}
