package drachtio.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message under {@code examples/} (used by the README) checks out as the README says. */
class BundledExamplesTest {
    private static final Path DIR = Path.of(System.getProperty("drachtio.examples.dir", "../examples"));

    private static String f(String name) {
        return DIR.resolve(name).toString();
    }

    @Test
    void everyBundledFileIsCoveredHere() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sip")))
                    .containsExactlyInAnyOrder("invite.sip", "register.sip", "options.sip", "200-ok.sip",
                            "invalid-cseq.sip", "truncated.sip", "tcp-stream.sip");
        }
    }

    @Test
    void bundledFilesUseCrlfLineEnds() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(x -> x.toString().endsWith(".sip")).toList()) {
                byte[] b = Files.readAllBytes(p);
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == '\n') {
                        assertThat(i).as("%s: LF at %d without CR", p, i).isPositive();
                        assertThat(b[i - 1]).as("%s: LF at %d without CR", p, i).isEqualTo((byte) '\r');
                    }
                }
            }
        }
    }

    @Test
    void validExamplesCheckOk() {
        Cli r = Cli.run("check", f("invite.sip"), f("register.sip"), f("options.sip"), f("200-ok.sip"));

        assertThat(r.lines()).containsExactly(
                f("invite.sip") + ": ok REQUEST INVITE sip:dave@chicago.example.com",
                f("register.sip") + ": ok REQUEST REGISTER sip:registrar.chicago.example.com",
                f("options.sip") + ": ok REQUEST OPTIONS sip:1234@192.0.2.50:5080",
                f("200-ok.sip") + ": ok RESPONSE 200 OK");
        assertThat(r.status()).isZero();
    }

    @Test
    void invalidExamplesCheckInvalidWithReasonAndOffset() {
        Cli r = Cli.run("check", f("invalid-cseq.sip"), f("truncated.sip"));

        assertThat(r.lines()).containsExactly(
                f("invalid-cseq.sip") + ": invalid: CSeq method does not match the request method (offset 239)",
                f("truncated.sip") + ": invalid: Content-Length 190 is larger than the 81 octets of body received"
                        + " (offset 332)");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void tcpCaptureExampleHoldsTwoMessages() {
        Cli r = Cli.run("check", "--stream", f("tcp-stream.sip"));

        assertThat(r.lines()).isEqualTo(List.of(
                f("tcp-stream.sip") + "#1: ok REQUEST REGISTER sip:registrar.chicago.example.com",
                f("tcp-stream.sip") + "#2: ok RESPONSE 200 OK"));
        assertThat(r.status()).isZero();
    }
}
