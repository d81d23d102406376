package drachtio.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.testkit.Sipp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server examples of the seed driven by sipp on 127.0.0.1; each ends with no dialog left. */
class ServerExamplesTest {

    @BeforeAll
    static void sippIsThere() throws Exception {
        Sipp.requireInstalled();
    }

    /** Stops the server after checking that no dialog outlived its call. */
    private static void stopCleanly(Running server) throws Exception {
        assertThat(server.app().dialogs().count()).as("live dialogs").isZero();
        assertThat(server.stop()).isEqualTo(Example.OK);
    }

    @Test
    void registerPrintsTheContactExpiresElseTheExpiresHeader() throws Exception {
        try (Running registrar = Running.server(new RegisterUas())) {
            Sipp.Result r = SippPeer.uac(registrar.target(), 1, SippPeer.file("register-uac.xml"));

            assertThat(r.allSucceeded()).as(r.output()).isTrue();
            assertThat(registrar.awaitLines(2, "got a REGISTER request")).containsSequence(
                    "got a REGISTER request asking for a registration interval of 600 seconds",
                    "got a REGISTER request asking for a registration interval of 1800 seconds");
            stopCleanly(registrar);
        }
    }

    @Test
    void registerAuthLetsThroughOnlyAuthenticatedRequests() throws Exception {
        try (Running registrar = Running.server(new RegisterWithDigest())) {
            Sipp.Result r = SippPeer.uac(registrar.target(), 1,
                    SippPeer.file("register-auth-uac.xml", "-inf", Sipp.scenario("users.csv").toString()));

            assertThat(r.allSucceeded()).as("401, then 200 with credentials: " + r.output()).isTrue();
            assertThat(registrar.awaitLines(1, "got a register request")).containsOnlyOnce(
                    "got a register request from an authenticated user (alice) with expires seconds 600");
            stopCleanly(registrar);
        }
    }

    @Test
    void registerAuthRefusesAWrongPasswordBeforeTheRoute() throws Exception {
        try (Running registrar = Running.server(new RegisterWithDigest())) {
            Sipp.Result r = SippPeer.uac(registrar.target(), 1,
                    SippPeer.file("register-wrong-uac.xml", "-inf", Sipp.scenario("users-wrong.csv").toString()));

            assertThat(r.allSucceeded()).as("401, then 401 again: " + r.output()).isTrue();
            stopCleanly(registrar);
            assertThat(registrar.lines()).noneMatch(l -> l.contains("got a register request"));
        }
    }

    @Test
    void inviteUasAnswersAndPrintsTheCallersBye() throws Exception {
        try (Running uas = Running.server(new InviteUas())) {
            // -d: sipp's uac holds the call 200 ms before its BYE
            Sipp.Result r = SippPeer.uac(uas.target(), 2, "-sn", "uac", "-d", "200");

            assertThat(r.allSucceeded()).as(r.output()).isTrue();
            assertThat(r.count("Successful call")).isEqualTo(2);
            var lines = uas.awaitLines(2, "call ended: REMOTE_BYE");
            assertThat(lines).filteredOn(l -> l.equals("SIP dialog has been established")).hasSize(2);
            assertThat(lines).filteredOn(l -> l.equals("calling party hungup after we answered")).hasSize(2);
            stopCleanly(uas);
        }
    }

    @Test
    void inviteUasToldOfACancelWhileRinging() throws Exception {
        try (Running uas = Running.server(new InviteUas(), "--ring", "5000")) {
            Sipp.Result r = SippPeer.uac(uas.target(), 1, SippPeer.file("invite-cancel-uac.xml"));

            assertThat(r.allSucceeded()).as("180, CANCEL, 200, 487: " + r.output()).isTrue();
            assertThat(uas.awaitLines(1, "hung up")).containsOnlyOnce("the calling party hung up before we answered");
            stopCleanly(uas);
            assertThat(uas.lines()).noneMatch(l -> l.contains("established"));
        }
    }

    @Test
    void headersPrintsTheFromTagAndUserOfAnInvite() throws Exception {
        try (Running headers = Running.server(new HeaderAccess())) {
            Sipp.Result r = SippPeer.uac(headers.target(), 1, SippPeer.file("invite-from-known-uac.xml"));

            assertThat(r.allSucceeded()).as("INVITE declined 603, ACKed: " + r.output()).isTrue();
            assertThat(headers.awaitLines(2, "on the incoming INVITE is")).containsSequence(
                    "remote tag on the incoming INVITE is known-tag-42",
                    "calling party number on the incoming INVITE is 5551234");
            stopCleanly(headers);
        }
    }
}
