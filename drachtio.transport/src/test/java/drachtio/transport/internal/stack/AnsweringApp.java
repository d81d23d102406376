package drachtio.transport.internal.stack;

import drachtio.api.header.SipUri;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.Source;
import drachtio.api.spi.StackHandler;
import drachtio.transport.internal.transaction.Ids;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal answering application on the SPI: OPTIONS 200, INVITE 180 then 200 with SDP (or,
 * for user "slow", 180 and wait for a CANCEL), BYE 200, anything else 200.
 */
final class AnsweringApp implements StackHandler {
    static final String SDP = "v=0\r\no=drachtio 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\n";

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger byes = new AtomicInteger();
    final AtomicInteger ackTimeouts = new AtomicInteger();
    /** Calls answered 200 and not yet ended by BYE, by Call-ID. */
    final ConcurrentHashMap<String, Boolean> openCalls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CountDownLatch> ringing = new ConcurrentHashMap<>();
    /** What happened to each call, for failure messages. */
    final ConcurrentHashMap<String, StringBuffer> history = new ConcurrentHashMap<>();

    private void note(String callId, String event) {
        history.computeIfAbsent(callId, k -> new StringBuffer()).append(event).append(' ');
    }

    @Override
    public void onRequest(IncomingTransaction txn) {
        requests.incrementAndGet();
        SipRequest req = txn.request();
        note(req.callId(), req.method() + "@" + System.nanoTime() / 1_000_000);
        switch (req.method().name()) {
            case "OPTIONS" -> txn.respond(SipResponse.replyTo(req, 200)
                    .header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS").build());
            case "INVITE" -> invite(txn, req);
            case "BYE" -> {
                byes.incrementAndGet();
                openCalls.remove(req.callId());
                txn.respond(SipResponse.replyTo(req, 200).build());
            }
            default -> txn.respond(SipResponse.replyTo(req, 200).build());
        }
    }

    private void invite(IncomingTransaction txn, SipRequest req) {
        String tag = Ids.tag();
        SipResponse.Builder ringing180 = SipResponse.replyTo(req, 180).setHeader("To", req.to().withTag(tag));
        txn.respond(ringing180.build());
        boolean slow = req.uri() instanceof SipUri u && "slow".equals(u.user());
        if (slow) {
            CountDownLatch cancelled = new CountDownLatch(1);
            ringing.put(req.callId(), cancelled);
            try {
                cancelled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ringing.remove(req.callId());
            }
            if (!txn.finalSent()) {
                txn.respond(SipResponse.replyTo(req, 486).setHeader("To", req.to().withTag(tag)).build());
            }
            return;
        }
        openCalls.put(req.callId(), Boolean.TRUE);
        SipResponse ok = SipResponse.replyTo(req, 200).setHeader("To", req.to().withTag(tag))
                .header("Contact", "<sip:answer@" + txn.source().local().getAddress().getHostAddress() + ":"
                        + txn.source().local().getPort() + ";transport=" + txn.source().transport().toLowerCase() + ">")
                .body("application/sdp", SDP).build();
        txn.respond(ok);
    }

    @Override
    public void onCancel(IncomingTransaction invite, SipRequest cancel) {
        cancels.incrementAndGet();
        CountDownLatch latch = ringing.get(cancel.callId());
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public void onAck(SipRequest ack, Source source) {
        acks.incrementAndGet();
        note(ack.callId(), "ACK@" + System.nanoTime() / 1_000_000);
    }

    @Override
    public void onAckTimeout(SipResponse response, Source source) {
        ackTimeouts.incrementAndGet();
        note(response.callId(), "ACK-TIMEOUT");
        // RFC 3261 13.3.1.4: no ACK means the session is over (a dialog layer would send BYE).
        // Under sipp -lost, sipp can lose its ACK and BYE and take our retransmitted INVITE 200
        // for its BYE's 200 (it matches responses by code): the call ends here, not by BYE
        openCalls.remove(response.callId());
    }
}
