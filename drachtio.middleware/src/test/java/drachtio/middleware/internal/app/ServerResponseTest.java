package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerResponseTest {
    private static final String INVITE = """
            INVITE sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-inv
            Max-Forwards: 70
            From: "Alice" <sip:alice@example.com>;tag=a1
            To: <sip:bob@example.com>
            Call-ID: response-test@127.0.0.1
            CSeq: 7 INVITE
            Contact: <sip:alice@127.0.0.1:5070>
            Content-Length: 0

            """;

    private final MemoryStack[] stack = new MemoryStack[1];
    private ExpressApp app;

    @BeforeEach
    void start() {
        app = MemoryStack.app(stack, new MiddlewareProviders(List.of()));
        app.listen(Listen.udp("127.0.0.1", 5060));
    }

    @Test
    void sendsProvisionalsThenOneFinalWithOneToTag() {
        List<Throwable> second = new ArrayList<>();
        app.invite((req, res) -> {
            res.send(100);
            res.send(180);
            res.send(183, Parts.body("application/sdp", "v=0\r\n"));
            res.send(200, Parts.body("application/sdp", "v=0\r\n"));
            try {
                res.send(486);
            } catch (IllegalStateException e) {
                second.add(e);
            }
        });

        List<SipResponse> sent = stack[0].deliver(INVITE).responses;

        assertThat(sent).extracting(SipResponse::status).containsExactly(100, 180, 183, 200);
        assertThat(sent.getFirst().to().tag()).isEmpty();
        String tag = sent.get(1).to().tag().orElseThrow();
        assertThat(sent.subList(1, 4)).allSatisfy(r -> assertThat(r.to().tag()).contains(tag));
        assertThat(second).singleElement().extracting(Throwable::getMessage)
                .isEqualTo("a final response (200) was already sent; cannot send 486");
    }

    @Test
    void provisionalsAndTheAnswerToAnInviteCarryItsRecordRoutesInOrderAndAFailureDoesNot() {
        String routed = INVITE.replace("Max-Forwards: 70\n", "Max-Forwards: 70\n"
                + "Record-Route: <sip:p2.example.com;lr>;x=1, <sip:p1.example.com;lr>\n"
                + "Record-Route: <sip:p0.example.com;lr>\n");
        app.invite((req, res) -> {
            res.send(100);
            res.send(180);
            res.send(200, Parts.body("application/sdp", "v=0\r\n"));
        });

        List<SipResponse> sent = stack[0].deliver(routed).responses;

        assertThat(sent.getFirst().headers().all("Record-Route")).isEmpty();
        assertThat(sent.subList(1, 3)).allSatisfy(r -> assertThat(r.headers().all("Record-Route"))
                .containsExactly("<sip:p2.example.com;lr>;x=1, <sip:p1.example.com;lr>", "<sip:p0.example.com;lr>"));
        assertThat(sent.get(2).recordRoutes()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p2.example.com;lr", "sip:p1.example.com;lr", "sip:p0.example.com;lr");
    }

    @Test
    void aFailureToAnInviteAndAnAnswerOutsideADialogMethodCarryNoRecordRoute() {
        app.invite((req, res) -> res.send(486));
        app.options((req, res) -> res.send(200));
        String rr = "Max-Forwards: 70\nRecord-Route: <sip:p1.example.com;lr>\n";

        assertThat(stack[0].deliver(INVITE.replace("Max-Forwards: 70\n", rr)).last().headers().all("Record-Route"))
                .isEmpty();
        String options = INVITE.replace("INVITE", "OPTIONS").replace("Max-Forwards: 70\n", rr);
        SipResponse ok = stack[0].deliver(options).last();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().all("Record-Route")).isEmpty();
    }

    @Test
    void responsesThatMakeADialogNameOurContactUnlessTheHandlerGaveOne() {
        app.invite((req, res) -> {
            res.send(100);
            res.send(180);
            res.send(200, Parts.header("Contact", "<sip:mine@127.0.0.1:5062>"));
        });
        app.subscribe((req, res) -> res.send(202));
        app.options((req, res) -> res.send(200));

        List<SipResponse> call = stack[0].deliver(INVITE).responses;
        SipResponse subscribed = stack[0].deliver(INVITE.replace("INVITE", "SUBSCRIBE")
                .replace("Max-Forwards: 70\n", "Max-Forwards: 70\nEvent: presence\n")).last();
        SipResponse options = stack[0].deliver(INVITE.replace("INVITE", "OPTIONS")).last();

        assertThat(call).extracting(r -> r.headers().all("Contact"))
                .containsExactly(List.of(), List.of("<sip:drachtio@127.0.0.1:5060>"), List.of("<sip:mine@127.0.0.1:5062>"));
        assertThat(subscribed.status()).isEqualTo(202);
        assertThat(subscribed.headers().all("Contact")).containsExactly("<sip:drachtio@127.0.0.1:5060>");
        assertThat(options.headers().all("Contact")).isEmpty();
    }

    @Test
    void aRequestRequiringAnUndeclaredExtensionGets420BeforeAnyMiddlewareAndADeclaredOnePasses() {
        List<String> seen = new ArrayList<>();
        app.use((req, res, next) -> {
            seen.add(req.header("Require").orElse(""));
            next.proceed();
        });
        app.invite((req, res) -> res.send(486));
        app.supports("timer");
        String requiring = INVITE.replace("Max-Forwards: 70\n", "Max-Forwards: 70\nRequire: timer, 100rel\n"
                + "Require: precondition,100rel\n");

        MemoryStack.Txn refused = stack[0].offer(requiring);
        SipResponse bad = refused.responses.getLast();
        SipResponse fine = stack[0].deliver(INVITE.replace("Max-Forwards: 70\n", "Max-Forwards: 70\nRequire: timer\n"))
                .last();

        // RFC 3261 8.2.2.3: answered on the reader, each unknown tag named once
        assertThat(refused.atOnce).isTrue();
        assertThat(bad.status()).isEqualTo(420);
        assertThat(bad.headers().all("Unsupported")).containsExactly("100rel, precondition");
        assertThat(bad.to().tag()).isPresent();
        assertThat(fine.status()).isEqualTo(486);
        assertThat(seen).containsExactly("timer");
        assertThatThrownBy(() -> app.supports("no tag")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestUriOfAnotherSchemeThanSipOrTelGets416BeforeAnyHandler() {
        List<String> handled = new ArrayList<>();
        app.invite((req, res) -> {
            handled.add(req.uri().toString());
            res.send(486);
        });

        MemoryStack.Txn web = stack[0].offer(INVITE.replace("INVITE sip:bob@example.com", "INVITE http://example.com/bob"));
        SipResponse tel = stack[0].deliver(INVITE.replace("INVITE sip:bob@example.com", "INVITE tel:+15551234567"))
                .last();

        // RFC 3261 8.2.2.1, on the reader
        assertThat(web.atOnce).isTrue();
        assertThat(web.responses.getLast().status()).isEqualTo(416);
        assertThat(tel.status()).isEqualTo(486);
        assertThat(handled).containsExactly("tel:+15551234567");
    }

    @Test
    void aByeInTheEarlyDialogGets200TheInvite487AndTheHandlerLearnsTheCallerHungUp() {
        List<Boolean> cancelled = new ArrayList<>();
        List<Throwable> late = new ArrayList<>();
        AtomicReference<MemoryStack.Txn> bye = new AtomicReference<>();
        app.invite((req, res) -> {
            res.send(180);
            String tag = stack[0].current.responses.getLast().to().tag().orElseThrow();
            bye.set(stack[0].offer(INVITE.replace("INVITE sip:bob@example.com", "BYE sip:bob@example.com")
                    .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=" + tag)
                    .replace("CSeq: 7 INVITE", "CSeq: 8 BYE").replace("z9hG4bK-inv", "z9hG4bK-bye")));
            cancelled.add(req.cancelled());
            try {
                res.send(200);
            } catch (IllegalStateException e) {
                late.add(e);
            }
        });

        MemoryStack.Txn invite = stack[0].deliver(INVITE);

        assertThat(invite.responses).extracting(SipResponse::status).containsExactly(180, 487);
        assertThat(bye.get().atOnce).isTrue();
        assertThat(bye.get().responses).extracting(SipResponse::status).containsExactly(200);
        assertThat(cancelled).containsExactly(true);
        assertThat(late).hasSize(1);
        // a BYE with a To tag the INVITE never gave is still no early dialog's
        MemoryStack.Txn stray = stack[0].offer(INVITE.replace("INVITE sip:bob@example.com", "BYE sip:bob@example.com")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=other").replace("CSeq: 7 INVITE",
                        "CSeq: 8 BYE"));
        assertThat(stray.responses).extracting(SipResponse::status).containsExactly(481);
    }

    @Test
    void copiesTheRequestHeadersAndKeepsTheAppsHeaderCase() {
        app.invite((req, res) -> res.send(486, "Busy Here Now",
                Parts.header("x-lower-case", "kept").with("X-UPPER", "too").withBody("text/plain", "é")));

        SipResponse r = stack[0].deliver(INVITE).last();
        String wire = new String(r.toBytes(), StandardCharsets.UTF_8);

        assertThat(r.statusLine()).isEqualTo("SIP/2.0 486 Busy Here Now");
        assertThat(wire).contains("\r\nx-lower-case: kept\r\n", "\r\nX-UPPER: too\r\n", "\r\nContent-Length: 2\r\n",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-inv", "CSeq: 7 INVITE", "Call-ID: response-test@127.0.0.1",
                "From: \"Alice\" <sip:alice@example.com>;tag=a1");
        assertThat(r.bodyText()).isEqualTo("é");
    }

    @Test
    void keepsAToTagTheRequestAlreadyHas() {
        app.invite((req, res) -> res.send(200));

        SipResponse r = stack[0].deliver(INVITE.replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b2")).last();

        assertThat(r.to().tag()).contains("b2");
        assertThat(r.headers().all("To")).hasSize(1);
    }

    @Test
    void refusesAStatusOutOfRange() {
        List<Throwable> caught = new ArrayList<>();
        app.invite((req, res) -> {
            try {
                res.send(700);
            } catch (IllegalArgumentException e) {
                caught.add(e);
            }
            res.send(603);
        });

        assertThat(stack[0].deliver(INVITE).last().status()).isEqualTo(603);
        assertThat(caught).hasSize(1);
    }

    @Test
    void tellsTheAppAboutACancelAndRefusesAnswersAfterIt() throws Exception {
        CountDownLatch ringing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<SipRequest> seenCancel = new AtomicReference<>();
        AtomicReference<Throwable> late = new AtomicReference<>();
        app.invite((req, res) -> {
            req.onCancel(c -> {
                seenCancel.set(c);
                cancelled.countDown();
            });
            res.send(180);
            ringing.countDown();
            cancelled.await(5, TimeUnit.SECONDS);
            assertThat(req.cancelled()).isTrue();
            try {
                res.send(200);
            } catch (IllegalStateException e) {
                late.set(e);
            }
        });
        AtomicReference<MemoryStack.Txn> txn = new AtomicReference<>();
        Thread call = Thread.ofVirtual().start(() -> txn.set(stack[0].deliver(INVITE)));
        assertThat(ringing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(app.pendingInvites()).isEqualTo(1);
        SipRequest cancel = SipRequest.builder(drachtio.api.message.Method.CANCEL,
                drachtio.api.header.SipUri.of("bob", "example.com")).header("CSeq", "7 CANCEL").build();
        stack[0].cancel(stack[0].current, cancel);
        call.join(5000);

        assertThat(seenCancel.get()).isSameAs(cancel);
        assertThat(late.get()).hasMessageContaining("cancelled");
        assertThat(txn.get().responses).extracting(SipResponse::status).containsExactly(180, 487);
        assertThat(app.pendingInvites()).isZero();
    }
}
