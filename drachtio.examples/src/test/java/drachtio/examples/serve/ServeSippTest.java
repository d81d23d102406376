package drachtio.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Listen;
import drachtio.api.header.SipUri;
import drachtio.testkit.Sipp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drachtio serve} driven by the real sipp: REGISTER with digest auth, OPTIONS, calls. The
 * server offers MD5 alone here: sipp 3.6.1 answers only the first challenge and computes only MD5.
 */
class ServeSippTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private SipServer server;
    private int udp;
    private int tcp;

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    @BeforeEach
    void start() {
        server = SipServer.start(new ServeConfig(List.of(Listen.udp("127.0.0.1", 0), Listen.tcp("127.0.0.1", 0)),
                "drachtio", Map.of("alice", "secret", "bob", "hunter2"), List.of("MD5")),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        udp = server.listening().get(0).port();
        tcp = server.listening().get(1).port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The server logs a request once its handler chain has returned, which is after the
     * response went out: sipp may be done a moment before the line is written.
     *
     * @return the log once {@code done} holds for it, or as it is after 5 s
     */
    private String logOnce(Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.test(log()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return log();
    }

    private static long lines(String log, Predicate<String> which) {
        return log.lines().filter(which).count();
    }

    private String target(String transport) {
        return "127.0.0.1:" + (transport.equals("u1") ? udp : tcp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void registersWithDigestAuthAndKeepsTheBinding(String transport) throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("serve-register-uac.xml").toString(),
                "-inf", Sipp.scenario("serve-users.csv").toString(), target(transport), "-t", transport, "-m", "2");

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(server.bindings().lookup(SipUri.of("alice", "127.0.0.1"), Instant.now()))
                .singleElement().satisfies(b -> assertThat(b.secondsLeft()).isBetween(290L, 300L));
        assertThat(server.bindings().lookup(SipUri.of("bob", "127.0.0.1"), Instant.now())).hasSize(1);
        String[] parts = {"-> 401", "user alice register", "user bob register", "expires 300 -> 200"};
        assertThat(logOnce(l -> Arrays.stream(parts).allMatch(l::contains))).contains(parts);
    }

    @Test
    void answersOptions() throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sf", Sipp.scenario("serve-options-uac.xml").toString(), target("u1"),
                "-t", "u1", "-m", "5");

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        Predicate<String> answered = l -> l.startsWith("OPTIONS ") && l.endsWith("-> 200");
        assertThat(lines(logOnce(l -> lines(l, answered) >= 5), answered)).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void answersCallsAndEndsThemOnBye(String transport) throws Exception {
        Sipp.Result r = Sipp.run(RUN_LIMIT, "-sn", "uac", target(transport), "-t", transport, "-m", "10", "-r", "20",
                "-d", "200");

        assertThat(r.allSucceeded()).as(r.output()).isTrue();
        assertThat(r.count("Successful call")).isEqualTo(10);
        Predicate<String> answered = l -> l.startsWith("INVITE ") && l.endsWith("-> 200");
        Predicate<String> ended = l -> l.contains("ended: remote_bye");
        String log = logOnce(l -> lines(l, answered) >= 10 && lines(l, ended) >= 10);
        assertThat(lines(log, answered)).isEqualTo(10);
        assertThat(lines(log, ended)).isEqualTo(10);
        assertThat(server.calls()).isZero();
    }
}
