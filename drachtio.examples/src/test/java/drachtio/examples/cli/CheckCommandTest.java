package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final String INVITE = message("INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-t1",
            "Max-Forwards: 70",
            "From: <sip:alice@atlanta.example.com>;tag=1928301774",
            "To: <sip:bob@biloxi.example.com>",
            "Call-ID: a84b4c76e66710@192.0.2.1",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@192.0.2.1>");
    private static final String OK = message("SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-t1",
            "From: <sip:alice@atlanta.example.com>;tag=1928301774",
            "To: <sip:bob@biloxi.example.com>;tag=a6c85cf",
            "Call-ID: a84b4c76e66710@192.0.2.1",
            "CSeq: 314159 INVITE");

    @TempDir
    Path dir;

    /** A message with CRLF line ends and a correct Content-Length over the body "". */
    private static String message(String startLine, String... headers) {
        return startLine + "\r\n" + String.join("\r\n", headers) + "\r\nContent-Length: 0\r\n\r\n";
    }

    private String file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p.toString();
    }

    // usage errors

    @Test
    void noFileIsAUsageError() {
        Cli r = Cli.run("check");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(String.join(System.lineSeparator(), "drachtio check: no FILE to check",
                "usage: drachtio check [--stream] FILE...", "run 'drachtio check --help' for more", ""));
    }

    @Test
    void streamOptionAloneIsAUsageError() {
        assertThat(Cli.run("check", "--stream").status()).isEqualTo(2);
    }

    @Test
    void unknownOptionIsAUsageError() throws IOException {
        String f = file("ok.sip", OK);

        Cli r = Cli.run("check", "--datagram", f);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown option --datagram");
    }

    @Test
    void missingFileExitsTwoWithAMessageOnStderr() {
        String missing = dir.resolve("nope.sip").toString();

        Cli r = Cli.run("check", missing);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("drachtio check: cannot read " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void directoryIsUnreadableInBothModes() {
        String d = dir.toString();

        Cli datagram = Cli.run("check", d);
        Cli stream = Cli.run("check", "--stream", d);

        assertThat(datagram.status()).isEqualTo(2);
        assertThat(datagram.err()).startsWith("drachtio check: cannot read " + d + ": ");
        assertThat(stream.status()).isEqualTo(2);
        assertThat(stream.err()).startsWith("drachtio check: cannot read " + d + ": ");
    }

    @Test
    void unreadableFileWinsOverInvalidOneButTheOthersAreStillChecked() throws IOException {
        String empty = file("empty.sip", "");
        String missing = dir.resolve("missing.sip").toString();

        Cli r = Cli.run("check", missing, empty);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.lines()).singleElement().asString().startsWith(empty + ": invalid: ");
    }

    @Test
    void doubleDashLetsAFileStartWithADash() throws IOException {
        Path odd = dir.resolve("-odd.sip");
        Files.writeString(odd, "");

        Cli r = Cli.run("check", "--", "-odd.sip");

        // relative to the working directory, where it does not exist: read error, not option error
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read -odd.sip").doesNotContain("unknown option");
    }

    // datagram mode

    @Test
    void validRequestPrintsOkWithMethodAndRequestUri() throws IOException {
        String f = file("invite.sip", INVITE);

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).containsExactly(f + ": ok REQUEST INVITE sip:bob@biloxi.example.com");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validResponsePrintsOkWithStatusAndReason() throws IOException {
        String f = file("ok.sip", OK);

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).containsExactly(f + ": ok RESPONSE 200 OK");
        assertThat(r.status()).isZero();
    }

    @Test
    void responseWithoutReasonPhrasePrintsStatusOnly() throws IOException {
        String f = file("180.sip", OK.replace("SIP/2.0 200 OK\r\n", "SIP/2.0 180 \r\n"));

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).containsExactly(f + ": ok RESPONSE 180");
        assertThat(r.status()).isZero();
    }

    @Test
    void ruleViolationPrintsReasonAndFileOffsetCountingLeadingLineEnds() throws IOException {
        String text = "\r\n\r\n" + INVITE.replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE");
        String f = file("bye-cseq.sip", text);

        Cli r = Cli.run("check", f);

        int cseqValue = text.indexOf("314159 BYE");
        assertThat(r.lines()).containsExactly(
                f + ": invalid: CSeq method does not match the request method (offset " + cseqValue + ")");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void violationWithoutPositionOmitsTheOffset() throws IOException {
        String f = file("no-callid.sip", OK.replace("Call-ID: a84b4c76e66710@192.0.2.1\r\n", ""));

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).containsExactly(f + ": invalid: missing Call-ID header");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void emptyFileIsInvalid() throws IOException {
        String f = file("empty.sip", "");

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).singleElement().asString().startsWith(f + ": invalid: ").doesNotContain("internal");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void truncatedBodyIsInvalidAtTheContentLengthHeader() throws IOException {
        String text = OK.replace("Content-Length: 0", "Content-Length: 120") + "v=0\r\n";
        String f = file("short.sip", text);

        Cli r = Cli.run("check", f);

        int value = text.indexOf("120");
        assertThat(r.lines()).singleElement().asString()
                .startsWith(f + ": invalid: Content-Length 120")
                .endsWith("(offset " + value + ")");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void responseStartLineAloneIsInvalid() throws IOException {
        String f = file("line.sip", "SIP/2.0 200 OK\r\n");

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).singleElement().asString().startsWith(f + ": invalid: ").doesNotContain("internal");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void requestStartLineAloneIsInvalid() throws IOException {
        String f = file("line.sip", "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n");

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).singleElement().asString().startsWith(f + ": invalid: ").doesNotContain("internal");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void randomGarbageIsReportedAsInvalidNeverAsACrash() throws IOException {
        Random random = new Random(20261126L);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(1, 2000)];
            random.nextBytes(junk);
            String f = file("junk" + i + ".bin", junk);

            Cli datagram = Cli.run("check", f);
            Cli stream = Cli.run("check", "--stream", f);

            assertThat(datagram.status()).as("datagram %s", f).isEqualTo(1);
            assertThat(datagram.lines()).as("datagram %s", f).singleElement().asString()
                    .startsWith(f + ": invalid: ").doesNotContain("internal error");
            assertThat(stream.status()).as("stream %s", f).isEqualTo(1);
            assertThat(stream.lines()).as("stream %s", f).allSatisfy(line ->
                    assertThat(line).startsWith(f).contains(": invalid: ").doesNotContain("internal error"));
            assertThat(datagram.err() + stream.err()).isEmpty();
        }
    }

    @Test
    void fileOverTheSizeLimitIsInvalidWithoutReadingItAll() throws IOException {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'A');
        String f = file("big.sip", big);

        Cli r = Cli.run("check", f);

        assertThat(r.lines()).singleElement().asString().startsWith(f + ": invalid: message larger than");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void exitStatusIsOneWhenAnyFileIsInvalid() throws IOException {
        String good = file("ok.sip", OK);
        String bad = file("empty.sip", "");

        Cli r = Cli.run("check", good, bad);

        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).isEqualTo(good + ": ok RESPONSE 200 OK");
        assertThat(r.lines().get(1)).startsWith(bad + ": invalid: ");
        assertThat(r.status()).isEqualTo(1);
    }

    // stream mode

    @Test
    void streamWithOneMessageUsesThePlainLabel() throws IOException {
        String f = file("one.tcp", OK);

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(f + ": ok RESPONSE 200 OK");
        assertThat(r.status()).isZero();
    }

    @Test
    void streamWithTwoMessagesNumbersThem() throws IOException {
        String f = file("two.tcp", INVITE + OK);

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(
                f + "#1: ok REQUEST INVITE sip:bob@biloxi.example.com",
                f + "#2: ok RESPONSE 200 OK");
        assertThat(r.status()).isZero();
    }

    @Test
    void streamSkipsCrlfKeepAlivesBetweenAndAroundMessages() throws IOException {
        String f = file("pings.tcp", "\r\n\r\n" + INVITE + "\r\n\r\n\r\n\r\n" + OK + "\r\n\r\n\r\n");

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(
                f + "#1: ok REQUEST INVITE sip:bob@biloxi.example.com",
                f + "#2: ok RESPONSE 200 OK");
        assertThat(r.status()).isZero();
    }

    @Test
    void streamReportsTrailingIncompleteMessageAsTruncated() throws IOException {
        String partial = OK.substring(0, 60);
        String f = file("cut.tcp", OK + partial);

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(
                f + "#1: ok RESPONSE 200 OK",
                f + "#2: invalid: truncated message (offset " + OK.length() + ")");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void streamWithOnlyPartOfAHeadIsTruncatedAtZero() throws IOException {
        String f = file("head.tcp", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1");

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(f + ": invalid: truncated message (offset 0)");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void streamWithMissingBodyOctetsIsTruncated() throws IOException {
        String f = file("body.tcp", OK.replace("Content-Length: 0", "Content-Length: 50") + "v=0\r\n");

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(f + ": invalid: truncated message (offset 0)");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void emptyOrPingOnlyStreamHasNoMessage() throws IOException {
        String empty = file("empty.tcp", "");
        String pings = file("pings.tcp", "\r\n\r\n\r\n\r\n");

        Cli r = Cli.run("check", "--stream", empty, pings);

        assertThat(r.lines()).containsExactly(empty + ": invalid: no SIP message", pings + ": invalid: no SIP message");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void streamStopsAtAFramingErrorWithTheStreamOffset() throws IOException {
        String noLength = OK.replace("Content-Length: 0\r\n", "");
        String f = file("nolength.tcp", OK + noLength + OK);

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).isEqualTo(f + "#1: ok RESPONSE 200 OK");
        assertThat(r.lines().get(1)).startsWith(f + "#2: invalid: Content-Length is required")
                .endsWith("(offset " + OK.length() + ")");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void streamViolationOffsetCountsFromTheStartOfTheFile() throws IOException {
        String bad = INVITE.replace("CSeq: 314159 INVITE", "CSeq: 314159 BYE");
        String text = OK + "\r\n\r\n" + bad;
        String f = file("bad2.tcp", text);

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).containsExactly(
                f + "#1: ok RESPONSE 200 OK",
                f + "#2: invalid: CSeq method does not match the request method (offset "
                        + text.indexOf("314159 BYE") + ")");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void streamLargerThanOneReadChunkFramesEveryMessage() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            many.append(OK).append(i % 3 == 0 ? "\r\n\r\n" : "");
        }
        String f = file("many.tcp", many.toString());

        Cli r = Cli.run("check", "--stream", f);

        assertThat(r.lines()).hasSize(100).allSatisfy(line -> assertThat(line).endsWith(": ok RESPONSE 200 OK"));
        assertThat(r.lines().getLast()).startsWith(f + "#100: ");
        assertThat(r.status()).isZero();
    }
}
