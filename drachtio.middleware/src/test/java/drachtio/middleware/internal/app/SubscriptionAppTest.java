package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.header.Address;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions (RFC 6665) between two Apps on the embedded stack: the dialog a SUBSCRIBE makes
 * is the application's, so the requests in it reach the App's routes and not the INVITE dialog
 * layer's 481.
 */
class SubscriptionAppTest {
    private static final StackConfig QUICK_CLOSE = StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build();
    private final App notifier = Drachtio.app(QUICK_CLOSE);
    private final App subscriber = Drachtio.app(QUICK_CLOSE);

    @AfterEach
    void close() {
        subscriber.close();
        notifier.close();
    }

    private static int port(App app) {
        return app.listening().getFirst().port();
    }

    /** A request in the subscription dialog that {@code req} and our 2xx to it made (RFC 6665 4.2.1.2). */
    private SipRequest inDialog(Method method, Request req, SipResponse ours, int cseq, String... headers) {
        SipRequest.Builder b = SipRequest.builder(method, req.message().contacts().getFirst().uri().orElseThrow())
                .header("From", ours.to().toString())
                .header("To", req.header("From").orElseThrow())
                .header("Call-ID", req.callId())
                .header("CSeq", cseq + " " + method.name())
                .header("Contact", "<sip:notifier@127.0.0.1:" + port(notifier) + ">");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void theNotifyOfASubscriptionMadeWithTheUacReachesTheNotifyRoute() throws Exception {
        CompletableFuture<SipResponse> notifyAnswer = new CompletableFuture<>();
        notifier.listen(Listen.udp("127.0.0.1", 0));
        notifier.subscribe((req, res) -> {
            res.send(200, Parts.header("Expires", "60"));
            SipRequest notify = inDialog(Method.NOTIFY, req, res.finalResponse().orElseThrow(), 1,
                    "Event", "presence", "Subscription-State", "active;expires=60");
            Thread.ofVirtual().start(() -> notifyAnswer.complete(notifier.uac().send(notify)));
        });
        List<String> notified = new CopyOnWriteArrayList<>();
        subscriber.listen(Listen.udp("127.0.0.1", 0));
        subscriber.notify((req, res) -> {
            notified.add(req.header("Subscription-State").orElse(""));
            res.send(200);
        });

        SipResponse ok = subscriber.uac().request(Method.SUBSCRIBE, "sip:presence@127.0.0.1:" + port(notifier),
                Parts.header("Event", "presence").with("Expires", "60"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(notifyAnswer.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(notified).containsExactly("active;expires=60");
    }

    @Test
    void aRefreshInTheSubscriptionDialogReachesTheSubscribeRoute() {
        List<String> toTags = new CopyOnWriteArrayList<>();
        notifier.listen(Listen.udp("127.0.0.1", 0));
        notifier.subscribe((req, res) -> {
            toTags.add(req.message().to().tag().orElse("none"));
            res.send(200, Parts.header("Expires", req.header("Expires").orElse("0")));
        });
        subscriber.listen(Listen.udp("127.0.0.1", 0));

        SipResponse ok = subscriber.uac().request(Method.SUBSCRIBE, "sip:presence@127.0.0.1:" + port(notifier),
                Parts.header("Event", "presence").with("Expires", "60"));
        Address to = ok.to();
        SipRequest refresh = SipRequest.builder(Method.SUBSCRIBE, ok.contacts().getFirst().uri().orElseThrow())
                .header("From", ok.from().toString())
                .header("To", to.toString())
                .header("Call-ID", ok.callId())
                .header("CSeq", (ok.cseq().sequence() + 1) + " SUBSCRIBE")
                .header("Event", "presence")
                .header("Expires", "0")
                .header("Contact", "<sip:watcher@127.0.0.1:" + port(subscriber) + ">")
                .build();
        SipResponse removed = subscriber.uac().send(refresh);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.header("Expires")).contains("0");
        assertThat(toTags).containsExactly("none", to.tag().orElseThrow());
    }

    @Test
    void aNotifyForASubscriptionNobodyKeepsGets481() {
        notifier.listen(Listen.udp("127.0.0.1", 0));
        subscriber.listen(Listen.udp("127.0.0.1", 0));
        subscriber.register((req, res) -> res.send(200));

        SipResponse r = notifier.uac().send(SipRequest.builder(Method.NOTIFY,
                        drachtio.parser.Grammars.URI.parse("sip:watcher@127.0.0.1:" + port(subscriber)))
                .header("From", "<sip:presence@127.0.0.1>;tag=n1")
                .header("To", "<sip:watcher@127.0.0.1>;tag=gone")
                .header("Call-ID", "no-such-subscription")
                .header("CSeq", "2 NOTIFY")
                .header("Event", "presence")
                .header("Subscription-State", "terminated")
                .header("Contact", "<sip:presence@127.0.0.1:" + port(notifier) + ">")
                .build());

        assertThat(r.status()).isEqualTo(481);
    }
}
