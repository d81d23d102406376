package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.Middleware;
import drachtio.api.message.Method;
import drachtio.middleware.DigestAuth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which requests the App answers on the reader ({@code answerAtOnce}) and which go to the chain. */
class AtOnceTest {
    private final MemoryStack[] stack = new MemoryStack[1];
    private final AtomicInteger routed = new AtomicInteger();
    private ExpressApp app;

    @BeforeEach
    void start() {
        app = MemoryStack.app(stack, new MiddlewareProviders(List.of()));
    }

    private static Middleware digest() {
        return DigestAuth.builder().realm("at-once.test").passwords((realm, user) -> Optional.of("pw")).build();
    }

    private MemoryStack.Txn offer(String method, String extraHeaders) {
        if (stack[0] == null) {
            app.register((req, res) -> {
                routed.incrementAndGet();
                res.send(200);
            });
            app.listen(Listen.udp("127.0.0.1", 5060));
        }
        return stack[0].offer(method + " sip:example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-at-once\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:alice@example.com>\n"
                + "Call-ID: at-once@127.0.0.1\n"
                + "CSeq: 1 " + method + "\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\n"
                + extraHeaders
                + "Content-Length: 0\n\n");
    }

    @Test
    void aRequestWithoutCredentialsIsChallengedAtOnceWithAToTag() {
        app.use(Method.REGISTER, digest());
        MemoryStack.Txn txn = offer("REGISTER", "");
        assertThat(txn.atOnce).isTrue();
        assertThat(txn.responses).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Digest realm=\"at-once.test\"").contains("nonce=\"", "qop=\"auth\""));
            assertThat(r.to().tag()).isPresent();
        });
        assertThat(routed).hasValue(0);
    }

    @Test
    void credentialsAreLeftToTheRequestsVirtualThread() {
        app.use(Method.REGISTER, digest());
        MemoryStack.Txn txn = offer("REGISTER", "Authorization: Digest username=\"alice\", realm=\"at-once.test\", "
                + "nonce=\"n\", uri=\"sip:example.com\", response=\"00000000000000000000000000000000\"\n");
        assertThat(txn.atOnce).isFalse();
        assertThat(txn.responses).isEmpty();
    }

    @Test
    void aRealmFunctionIsApplicationCodeAndWaitsForTheChain() {
        app.use(Method.REGISTER, DigestAuth.builder().realm(req -> "at-once.test")
                .passwords((realm, user) -> Optional.of("pw")).build());
        MemoryStack.Txn txn = offer("REGISTER", "");
        assertThat(txn.atOnce).isFalse();
        assertThat(txn.responses).isEmpty();
    }

    @Test
    void middlewareRegisteredBeforeItIsNeverSkipped() {
        AtomicInteger logged = new AtomicInteger();
        app.use((req, res, next) -> {
            logged.incrementAndGet();
            next.proceed();
        });
        app.use(Method.REGISTER, digest());
        MemoryStack.Txn txn = offer("REGISTER", "");
        assertThat(txn.atOnce).isFalse();
        assertThat(txn.responses).isEmpty();
        assertThat(logged).hasValue(0);
    }

    @Test
    void onlyTheMethodsItIsRegisteredForAreChallenged() {
        app.use(Method.REGISTER, digest());
        app.options((req, res) -> res.send(200));
        MemoryStack.Txn options = offer("OPTIONS", "");
        assertThat(options.atOnce).isFalse();
        assertThat(options.responses).isEmpty();
        MemoryStack.Txn register = offer("REGISTER", "");
        assertThat(register.atOnce).isTrue();
        assertThat(register.last().status()).isEqualTo(401);
    }
}
