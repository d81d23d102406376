package drachtio.middleware.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import drachtio.testkit.Sipp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The App (routes, responses, UAC) against the real sipp over UDP and TCP on 127.0.0.1. */
class AppSippTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private App app;
    private int udpPort;
    private int tcpPort;

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() {
        app = Drachtio.app(StackConfig.builder().t1(Duration.ofMillis(100)).shutdownGrace(Duration.ofMillis(100)).build());
    }

    private void listen() {
        var bound = app.listen(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0));
        udpPort = bound.stream().filter(l -> l.transport().equals("UDP")).findFirst().orElseThrow().port();
        tcpPort = bound.stream().filter(l -> l.transport().equals("TCP")).findFirst().orElseThrow().port();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private String target(String transport) {
        return "127.0.0.1:" + (transport.equals("u1") ? udpPort : tcpPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void answersOptionsEchoingCustomHeaders(String transport) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        app.options((req, res) -> {
            seen.incrementAndGet();
            res.send(200, Parts.header("X-Echo", req.header("x-custom").orElse("missing"))
                    .with("X-Served-By", "drachtio"));
        });
        listen();

        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("options-custom-uac.xml").toString(),
                target(transport), "-t", transport, "-m", "20", "-r", "50");

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(20);
        assertThat(seen).hasValue(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void readsTheBodyOfAnInfo(String transport) throws Exception {
        app.info((req, res) -> {
            String signal = req.bodyText().lines().filter(l -> l.startsWith("Signal="))
                    .map(l -> l.substring("Signal=".length())).findFirst().orElse("none");
            res.send(200, Parts.header("X-Signal", signal)
                    .with("X-Type", req.contentType().map(Object::toString).orElse("none")));
        });
        listen();

        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("info-body-uac.xml").toString(),
                target(transport), "-t", transport, "-m", "20", "-r", "50");

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void uacOptionsToSippReturnsItsFinalResponse(String transport) throws Exception {
        listen();
        int sippPort = Sipp.freePort();
        CompletableFuture<Sipp.Result> uas = Sipp.start(RUN_LIMIT, "-sf",
                Sipp.scenario("options-uas.xml").toString(), "-p", Integer.toString(sippPort), "-t", transport, "-m",
                "1");
        Sipp.awaitListening(transport, sippPort);
        String uri = "sip:sipp@127.0.0.1:" + sippPort + (transport.equals("t1") ? ";transport=tcp" : "");

        SipResponse answer = app.uac().options(uri, Parts.header("X-From-App", "yes"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-Answered-By")).contains("sipp");
        Sipp.Result r = uas.get(RUN_LIMIT.toSeconds() + 20, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
    }
}
