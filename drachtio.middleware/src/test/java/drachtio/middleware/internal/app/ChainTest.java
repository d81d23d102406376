package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.AckTimeoutException;
import drachtio.api.Listen;
import drachtio.api.Middleware;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.MiddlewareProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainTest {
    private final MemoryStack[] stack = new MemoryStack[1];
    private ExpressApp app;

    @BeforeEach
    void start() {
        app = MemoryStack.app(stack, new MiddlewareProviders(List.of()));
    }

    private MemoryStack.Txn deliver(String method) {
        return deliver(method, "");
    }

    private MemoryStack.Txn deliver(String method, String extraHeaders) {
        if (stack[0] == null) {
            app.listen(Listen.udp("127.0.0.1", 5060));
        }
        return stack[0].deliver(method + " sip:bob@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + method + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a1\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: chain-test@127.0.0.1\n"
                + "CSeq: 1 " + method + "\n"
                + extraHeaders
                + "Content-Length: 0\n\n");
    }

    @Test
    void runsMiddlewareAndRoutesInRegistrationOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        app.use((req, res, next) -> {
            seen.add("first");
            next.proceed();
            seen.add("first after " + res.status());
        });
        app.use(Method.INVITE, (req, res, next) -> {
            seen.add("invite only");
            next.proceed();
        });
        app.use((req, res, next) -> {
            seen.add("second");
            next.proceed();
        });
        app.options((req, res) -> {
            seen.add("route");
            res.send(200);
        });
        app.options((req, res) -> seen.add("never: the first route answered"));

        MemoryStack.Txn txn = deliver("OPTIONS");

        assertThat(seen).containsExactly("first", "second", "route", "first after 200");
        assertThat(txn.responses).extracting(SipResponse::status).containsExactly(200);
    }

    @Test
    void answers405WithAllowForAKnownMethodWithoutRoute() {
        app.invite((req, res) -> res.send(486));
        app.register((req, res) -> res.send(200));

        SipResponse answer = deliver("SUBSCRIBE").last();

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).contains("INVITE, REGISTER, ACK, CANCEL");
    }

    @Test
    void answers481ToAByeWithoutRouteForItMatchesNoDialog() {
        app.invite((req, res) -> res.send(486));

        SipResponse answer = deliver("BYE").last();

        assertThat(answer.status()).isEqualTo(481);
        assertThat(answer.header("Allow")).isEmpty();
    }

    @Test
    void answers501ForAnUnknownMethodWithoutRoute() {
        app.invite((req, res) -> res.send(486));

        assertThat(deliver("FROB").last().status()).isEqualTo(501);
    }

    @Test
    void routesExtensionMethods() {
        app.route(Method.of("FROB"), (req, res) -> res.send(202, "Frobbed"));

        SipResponse answer = deliver("FROB").last();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.reason()).isEqualTo("Frobbed");
    }

    @Test
    void refusesRoutesForAckAndCancel() {
        assertThatThrownBy(() -> app.route(Method.ACK, (req, res) -> res.send(200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.route(Method.CANCEL, (req, res) -> res.send(200)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answers500ForAnUncaughtException() {
        app.options((req, res) -> {
            throw new IllegalStateException("boom");
        });

        assertThat(deliver("OPTIONS").last().status()).isEqualTo(500);
    }

    @Test
    void aLostAckAfterTheAnswerIsOneLineAndAnyOtherLateErrorKeepsItsStackTrace() {
        app.options((req, res) -> {
            res.send(200);
            if (req.header("X-Lost").isPresent()) {
                throw new AckTimeoutException(SipResponse.replyTo(req.message(), 200).build());
            }
            throw new IllegalStateException("late bug");
        });
        String lost = stderrOf(() -> assertThat(deliver("OPTIONS", "X-Lost: yes\n").last().status()).isEqualTo(200));
        String bug = stderrOf(() -> assertThat(deliver("OPTIONS").last().status()).isEqualTo(200));

        assertThat(lost).contains("call ended: no ACK for our 200 within 64*T1")
                .contains("chain-test@127.0.0.1")
                .doesNotContain("\tat ");
        assertThat(bug).contains("error after the final response was sent")
                .contains("java.lang.IllegalStateException: late bug")
                .contains("\tat ");
    }

    /** @return what the logger (slf4j-simple, which writes to the current System.err) printed while it ran */
    private static String stderrOf(Runnable run) {
        PrintStream saved = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void errorMiddlewareIsChosenByExceptionClass() {
        List<String> seen = new ArrayList<>();
        app.use((req, res, next) -> {
            throw new IllegalArgumentException("bad");
        });
        app.error(IllegalStateException.class, (e, req, res, next) -> seen.add("wrong class"));
        app.error(RuntimeException.class, (e, req, res, next) -> {
            seen.add("runtime: " + e.getMessage());
            res.send(480, "Handled");
        });
        app.options((req, res) -> seen.add("never"));

        SipResponse answer = deliver("OPTIONS").last();

        assertThat(seen).containsExactly("runtime: bad");
        assertThat(answer.status()).isEqualTo(480);
    }

    @Test
    void errorMiddlewareCanResumeTheOrdinaryChainOrPassTheErrorOn() {
        List<String> seen = new ArrayList<>();
        app.use((req, res, next) -> next.fail(new IllegalArgumentException("one")));
        app.error(IllegalArgumentException.class, (e, req, res, next) -> {
            seen.add("recovered " + e.getMessage());
            next.proceed();
        });
        app.use((req, res, next) -> next.fail(new UnsupportedOperationException("two")));
        app.error(UnsupportedOperationException.class, (e, req, res, next) -> {
            seen.add("passing on " + e.getMessage());
            next.fail(e);
        });
        app.error(Exception.class, (e, req, res, next) -> {
            seen.add("last " + e.getMessage());
            res.send(503);
        });

        assertThat(deliver("OPTIONS").last().status()).isEqualTo(503);
        assertThat(seen).containsExactly("recovered one", "passing on two", "last two");
    }

    @Test
    void answers500WhenAMiddlewareNeitherAnswersNorPassesOn() {
        app.use((req, res, next) -> { });
        app.options((req, res) -> res.send(200));

        assertThat(deliver("OPTIONS").last().status()).isEqualTo(500);
    }

    @Test
    void answers500WhenEveryRoutePassesOnOrReturnsSilently() {
        app.options((req, res) -> { });

        assertThat(deliver("OPTIONS").last().status()).isEqualTo(500);
    }

    @Test
    void nextTwiceIsAnError() {
        List<Throwable> caught = new ArrayList<>();
        app.use((req, res, next) -> {
            next.proceed();
            try {
                next.proceed();
            } catch (IllegalStateException e) {
                caught.add(e);
            }
        });
        app.options((req, res) -> res.send(200));

        deliver("OPTIONS");

        assertThat(caught).singleElement().extracting(Throwable::getMessage).isEqualTo("next was already called");
    }

    @Test
    void malformedHeaderReadByAHandlerGets400() {
        app.options((req, res) -> res.send(req.contacts().isEmpty() ? 200 : 202));

        SipResponse answer = deliver("OPTIONS", "Contact: <sip:broken@\n").last();

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void attributesCarryResultsFromMiddlewareToRoutes() {
        record Who(String name) {
        }
        app.use((req, res, next) -> {
            req.attribute(Who.class, new Who(req.from().uri().toString()));
            next.proceed();
        });
        app.options((req, res) -> res.send(200, Parts.header("X-Who", req.attribute(Who.class).orElseThrow().name())));

        assertThat(deliver("OPTIONS").last().header("X-Who")).contains("sip:alice@example.com");
    }

    @Test
    void installsNamedAndGlobalProvidersFromTheProviderList() {
        MiddlewareProvider stamp = provider("stamp", 5, false, cfg -> (req, res, next) -> {
            req.attribute(String.class, cfg.get("value"));
            next.proceed();
        });
        List<String> order = new ArrayList<>();
        MiddlewareProvider globalB = provider("b-global", 20, true, cfg -> (req, res, next) -> {
            order.add("b");
            next.proceed();
        });
        MiddlewareProvider globalA = provider("a-global", 10, true, cfg -> (req, res, next) -> {
            order.add("a");
            next.proceed();
        });
        app = MemoryStack.app(stack, new MiddlewareProviders(
                MiddlewareProviders.discover(List.of(stamp, globalB, globalA))));
        app.use("stamp", Map.of("value", "stamped"));
        app.options((req, res) -> res.send(200, Parts.header("X-Stamp", req.attribute(String.class).orElse("none"))));

        assertThat(deliver("OPTIONS").last().header("X-Stamp")).contains("stamped");
        assertThat(order).containsExactly("a", "b");
        assertThatThrownBy(() -> app.use("nope", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void refusesTwoProvidersWithOneName() {
        MiddlewareProvider one = provider("same", 1, false, cfg -> (req, res, next) -> next.proceed());
        MiddlewareProvider two = provider("same", 2, false, cfg -> (req, res, next) -> next.proceed());

        assertThatThrownBy(() -> MemoryStack.app(stack, new MiddlewareProviders(List.of(one, two))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same");
    }

    @Test
    void requestsInFlightKeepTheChainTheyStartedWith() {
        app.use((req, res, next) -> {
            app.options((r, s) -> s.send(202));
            next.proceed();
        });

        assertThat(deliver("OPTIONS").last().status()).isEqualTo(405);
        assertThat(deliver("OPTIONS").last().status()).isEqualTo(202);
    }

    private static MiddlewareProvider provider(String name, int weight, boolean global,
                                               java.util.function.Function<Map<String, String>, Middleware> make) {
        return new MiddlewareProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int weight() {
                return weight;
            }

            @Override
            public boolean global() {
                return global;
            }

            @Override
            public Middleware create(Map<String, String> config) {
                return make.apply(config);
            }
        };
    }
}
