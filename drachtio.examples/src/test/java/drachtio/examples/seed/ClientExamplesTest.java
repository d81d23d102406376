package drachtio.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.testkit.Sipp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client examples of the seed against sipp and against the server examples, on 127.0.0.1. */
class ClientExamplesTest {

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    private static String uri(int port) {
        return "sip:1234@127.0.0.1:" + port;
    }

    @Test
    void optionsPingPrintsTheStatusSippAnswered() throws Exception {
        int port = Sipp.freePort();
        CompletableFuture<Sipp.Result> sipp = SippPeer.uas("options-uas.xml", port);

        try (Running ping = Running.start(new OptionsPing(), uri(port))) {
            assertThat(ping.awaitStatus()).isEqualTo(Example.OK);
            assertThat(ping.lines()).containsExactly("response status was 200");
        }
        Sipp.Result r = sipp.get(30, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
    }

    @Test
    void optionsPingAgainstAServerExampleWithoutAnOptionsRouteGets405() throws Exception {
        try (Running registrar = Running.server(new RegisterUas());
             Running ping = Running.start(new OptionsPing(), uri(registrar.address().port()))) {
            assertThat(ping.awaitStatus()).isEqualTo(Example.FAILED);
            assertThat(ping.lines()).containsExactly("response status was 405");
        }
    }

    @Test
    void optionsWithHeadersSendsTheSeedsThreeHeaders() throws Exception {
        int port = Sipp.freePort();
        CompletableFuture<Sipp.Result> sipp = SippPeer.uas("options-headers-uas.xml", port);

        try (Running ping = Running.start(new OptionsWithHeaders(), uri(port))) {
            assertThat(ping.awaitStatus()).isEqualTo(Example.OK);
            assertThat(ping.lines()).containsExactly("response status was 200");
        }
        Sipp.Result r = sipp.get(30, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as("sipp checks User-Agent, Server and X-My-Special-thingy: " + r.output())
                .isTrue();
    }

    @Test
    void infoWithBodySendsTheTextAsApplicationText() throws Exception {
        int port = Sipp.freePort();
        CompletableFuture<Sipp.Result> sipp = SippPeer.uas("info-uas.xml", port);

        try (Running info = Running.start(new InfoWithBody(), "--body", "dtmf 5", uri(port))) {
            assertThat(info.awaitStatus()).isEqualTo(Example.OK);
            assertThat(info.lines()).containsExactly("response status was 200");
        }
        Sipp.Result r = sipp.get(30, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as("sipp checks the body and its type: " + r.output()).isTrue();
    }

    @Test
    void inviteUacAcksTheAnswerAndHangsUpWhenStopped() throws Exception {
        int port = Sipp.freePort();
        CompletableFuture<Sipp.Result> sipp = SippPeer.uas("answer-wait-bye-uas.xml", port);

        try (Running call = Running.start(new InviteUac(), uri(port))) {
            call.awaitLines(1, "dialog established");
            assertThat(call.app().dialogs().count()).isEqualTo(1);

            long stopping = System.nanoTime();
            assertThat(call.stop()).isEqualTo(Example.OK);
            // an unanswered BYE would keep bye() waiting for 64*T1
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Running.T1.multipliedBy(64));
            assertThat(call.lines()).containsExactly("dialog established", "we hung up");
            assertThat(call.app().dialogs().count()).isZero();
        }
        Sipp.Result r = sipp.get(30, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as("sipp got the ACK, then a BYE: " + r.output()).isTrue();
    }

    @Test
    void inviteUacEndsWhenTheCalledPartyHangsUp() throws Exception {
        int port = Sipp.freePort();
        CompletableFuture<Sipp.Result> sipp = SippPeer.uas("answer-hang-up-uas.xml", port);

        try (Running call = Running.start(new InviteUac(), uri(port))) {
            assertThat(call.awaitStatus()).isEqualTo(Example.OK);
            assertThat(call.lines()).containsExactly("dialog established", "called party hung up");
            assertThat(call.app().dialogs().count()).isZero();
        }
        Sipp.Result r = sipp.get(30, TimeUnit.SECONDS);
        assertThat(r.allSucceeded()).as(r.output()).isTrue();
    }

    @Test
    void inviteUacReportsARefusedCall() throws Exception {
        try (Running headers = Running.server(new HeaderAccess());
             Running call = Running.start(new InviteUac(), uri(headers.address().port()))) {
            assertThat(call.awaitStatus()).isEqualTo(Example.FAILED);
            assertThat(call.lines()).containsExactly("error sending invite: SIP/2.0 603 Decline");
            assertThat(headers.awaitLines(1, "remote tag on the incoming INVITE is ")).isNotEmpty();
        }
    }
}
