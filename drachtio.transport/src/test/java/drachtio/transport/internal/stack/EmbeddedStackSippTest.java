package drachtio.transport.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.SipStacks;
import drachtio.api.spi.StackConfig;
import drachtio.testkit.Sipp;
import drachtio.transport.internal.transaction.Ids;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded stack against the real sipp, over UDP and TCP on 127.0.0.1. */
class EmbeddedStackSippTest {
    private static final Duration T1 = Duration.ofMillis(100);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private SipStack stack;
    private AnsweringApp app;
    private int udpPort;
    private int tcpPort;

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() {
        start(T1);
    }

    private void start(Duration t1) {
        app = new AnsweringApp();
        stack = SipStacks.provider("embedded").create(StackConfig.builder()
                .listen(Listen.udp("127.0.0.1", 0)).listen(Listen.tcp("127.0.0.1", 0)).t1(t1).build());
        List<Listen> bound = stack.start(app);
        udpPort = bound.stream().filter(l -> l.transport().equals("UDP")).findFirst().orElseThrow().port();
        tcpPort = bound.stream().filter(l -> l.transport().equals("TCP")).findFirst().orElseThrow().port();
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    private String target(String transport) {
        return "127.0.0.1:" + (transport.equals("u1") ? udpPort : tcpPort);
    }

    /** After a run every transaction ends within 64*T1 plus slack: nothing leaks. */
    private void assertNoTransactionsLeft() throws InterruptedException {
        var layer = ((EmbeddedStack) stack).layer();
        long deadline = System.nanoTime() + T1.multipliedBy(64).plusSeconds(5).toNanos();
        while (layer.live() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(layer.live()).as("live transactions").isZero();
        assertThat(app.openCalls).as("calls without BYE: %s", app.openCalls.keySet().stream()
                .map(id -> id + ": " + app.history.get(id)).toList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void answersOptionsFromSipp(String transport) throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("options-uac.xml").toString(), target(transport),
                "-t", transport, "-m", "50", "-r", "100");
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(50);
        assertThat(app.requests.get()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void completesInviteByeCallsFromSipp(String transport) throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sn", "uac", target(transport), "-t", transport, "-m", "30", "-r", "30",
                "-d", "100");
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(30);
        assertThat(app.byes.get()).isEqualTo(30);
        assertThat(app.acks.get()).isGreaterThanOrEqualTo(30);
        assertNoTransactionsLeft();
    }

    @Test
    void retransmissionsCarryCallsThroughTenPercentLoss() throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sn", "uac", target("u1"), "-t", "u1", "-m", "40", "-r", "20",
                "-d", "100", "-lost", "10");
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Failed call")).isZero();
        assertThat(r.count("Successful call")).isEqualTo(40);
        assertNoTransactionsLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void cancelBeforeAnswerGets487AndLeavesNothingBehind(String transport) throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("cancel-uac.xml").toString(), target(transport),
                "-t", transport, "-m", "10", "-r", "10");
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(app.cancels.get()).isEqualTo(10);
        assertNoTransactionsLeft();
    }

    @ParameterizedTest
    @CsvSource({"u1, 0", "t1, 0"})
    void callsSippUasAsAUac(String transport, String lost) throws Exception {
        callSippUas(transport, lost);
    }

    @Test
    void callsSippUasAsAUacThroughTenPercentLoss() throws Exception {
        // on the T1 sipp retransmits its 2xx on (the RFC's 500 ms): with our 100 ms the ACK we
        // keep for 64*T1 would be gone at 6.4 s while sipp still sends a copy at 7.5 s when the
        // ACKs for all the copies before it were lost
        stack.close();
        start(Duration.ofMillis(500));
        callSippUas("u1", "10");
    }

    private void callSippUas(String transport, String lost) throws Exception {
        int sippPort = Sipp.freePort();
        int calls = 8;
        // with loss, sipp's built-in UAS losing 10 % of its messages, plus the optional INVITE
        // that keeps sipp from aborting a call on a late copy of ours (uas-lossy.xml says why);
        // without, the built-in UAS itself
        List<String> scenario = lost.equals("0") ? List.of("-sn", "uas")
                : List.of("-sf", Sipp.scenario("uas-lossy.xml").toString());
        List<String> args = new java.util.ArrayList<>(scenario);
        args.addAll(List.of("-p", Integer.toString(sippPort), "-t", transport, "-m", Integer.toString(calls)));
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, args.toArray(String[]::new));
        Sipp.awaitListening(transport, sippPort);
        for (int i = 0; i < calls; i++) {
            call(sippPort, transport.equals("t1") ? "tcp" : "udp");
        }
        Sipp.Result r = uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(calls);
    }

    @Test
    void anInviteOverTheMtuRuleReachesAUdpOnlySippOverUdp() throws Exception {
        // RFC 3261 18.1.1: 1,800 octets of SDP make us try TCP first; sipp listens on UDP only,
        // so the connection is refused and the INVITE goes over UDP after all
        int sippPort = Sipp.freePort();
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, "-sn", "uas", "-p", Integer.toString(sippPort),
                "-t", "u1", "-m", "1");
        Sipp.awaitListening("u1", sippPort);
        String sdp = AnsweringApp.SDP + "a=x-padding:" + "p".repeat(1_800) + "\r\n";
        call(sippPort, "udp", sdp);
        Sipp.Result r = uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(1);
        assertThat(((EmbeddedStack) stack).net().counters().tcpRefusedStayedOnUdp()).isEqualTo(1);
    }

    private void call(int sippPort, String transport) throws Exception {
        call(sippPort, transport, AnsweringApp.SDP);
    }

    /** INVITE, ACK for the 200, BYE: the UAC side of one call, by hand (dialogs come later). */
    private void call(int sippPort, String transport, String sdp) throws Exception {
        SipUri remote = new SipUri(false, "service", null, "127.0.0.1", sippPort, Parameters.of("transport", transport),
                Parameters.EMPTY);
        Address from = Address.of(SipUri.of("caller", "127.0.0.1")).withTag(Ids.tag());
        String callId = Ids.branch() + "@127.0.0.1";
        SipRequest invite = SipRequest.builder(Method.INVITE, remote)
                .header("From", from).header("To", Address.of(remote)).header("Call-ID", callId)
                .header("CSeq", "1 INVITE").header("Contact", "<sip:caller@127.0.0.1:"
                        + (transport.equals("tcp") ? tcpPort + ";transport=tcp" : udpPort) + ">")
                .body("application/sdp", sdp).build();
        SipResponse ok = await(invite);
        assertThat(ok.status()).isEqualTo(200);
        SipUri contact = (SipUri) ok.contacts().stream().map(Contact::address).findFirst().orElseThrow().uri();
        SipRequest ack = SipRequest.builder(Method.ACK, contact).header("From", from).header("To", ok.to())
                .header("Call-ID", callId).header("CSeq", "1 ACK").build();
        stack.sendAck(ack);
        SipRequest bye = SipRequest.builder(Method.BYE, contact).header("From", from).header("To", ok.to())
                .header("Call-ID", callId).header("CSeq", "2 BYE").build();
        assertThat(await(bye).status()).isEqualTo(200);
    }

    private SipResponse await(SipRequest request) throws Exception {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        stack.send(request, new ResponseHandler() {
            @Override
            public void onFinal(SipResponse response, Outcome outcome) {
                done.complete(response);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void sourcesAreReportedPerTransport() {
        assertThat(stack.listening()).extracting(Listen::transport).containsExactlyInAnyOrder("UDP", "TCP");
        assertThat(new InetSocketAddress("127.0.0.1", udpPort).getPort()).isPositive();
    }
}
