package drachtio.benchmarks.load;

import drachtio.api.Listen;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;
import drachtio.api.spi.StackHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The minimal answering application the load script drives with sipp: OPTIONS 200, INVITE
 * 200 with SDP, BYE 200, straight on the embedded stack's SPI (no App). The BYE is answered
 * at once on the reader ({@link #answerAtOnce}), as the App's dialog layer answers a BYE for a
 * dialog with no BYE handler; new requests go to a virtual thread each. Usage:
 * {@code LoadServer HOST PORT [stack|reader|app]}; {@code reader} also answers OPTIONS at once
 * on the reader, as a stateless keep-alive responder would (no virtual thread, no hand-off);
 * {@code app} runs {@link AppLoadServer} instead.
 * Prints {@code listening udp:HOST:PORT} once ready and runs until killed.
 */
public final class LoadServer implements StackHandler {
    private static final String SDP = "v=0\r\no=load 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0\r\n";

    private final AtomicLong tags = new AtomicLong();
    private final boolean optionsAtOnce;

    private LoadServer(boolean optionsAtOnce) {
        this.optionsAtOnce = optionsAtOnce;
    }

    /**
     * @param args host and port
     * @throws InterruptedException never in practice: the server runs until the process ends
     */
    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5060;
        if (args.length > 2 && args[2].equals("app")) {
            AppLoadServer.run(host, port);
            return;
        }
        Work.printCost();
        SipStack stack = SipStacks.provider("embedded").create(StackConfig.builder()
                .listen(Listen.udp(host, port)).build());
        stack.start(new LoadServer(args.length > 2 && args[2].equals("reader")));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(stack::close));
        System.out.println("listening " + stack.listening().getFirst());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    @Override
    public boolean answerAtOnce(IncomingTransaction txn) {
        SipRequest req = txn.request();
        if (!req.is(Method.BYE) && !(optionsAtOnce && req.is(Method.OPTIONS))) {
            return false;
        }
        txn.respond(SipResponse.replyTo(req, 200).build());
        return true;
    }

    @Override
    public void onRequest(IncomingTransaction txn) {
        SipRequest req = txn.request();
        switch (req.method().name()) {
            case "INVITE" -> {
                Work.perCall();
                txn.respond(SipResponse.replyTo(req, 200)
                    .setHeader("To", req.to().withTag("l" + Long.toString(tags.incrementAndGet(), 36)))
                    .header("Contact", "<sip:load@" + txn.source().local().getAddress().getHostAddress() + ":"
                            + txn.source().local().getPort() + ">")
                    .body("application/sdp", SDP).build());
            }
            default -> txn.respond(SipResponse.replyTo(req, 200).build());
        }
    }
}
