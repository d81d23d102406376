package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.MultipartBody;
import drachtio.api.header.SipUri;
import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The RFC 4475 and RFC 5118 torture messages: every verdict of VERDICTS.tsv, then the facts
 * the RFCs single out.
 */
class CorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/corpus");

    private record Outcome(SipMessage message, SipParseException parseError, Violation violation) {
        boolean accepted() {
            return message != null && violation == null;
        }

        String reason() {
            return parseError != null ? parseError.reason() : violation.reason();
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(CORPUS.resolve(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read corpus file " + file, e);
        }
    }

    /** Parses as a datagram, validates, and reads every header typed on success. */
    private static Outcome run(String file) {
        SipMessage m;
        try {
            m = SipParser.create().parseDatagram(read(file));
        } catch (SipParseException e) {
            return new Outcome(null, e, null);
        }
        Optional<Violation> v = SipValidator.check(m);
        return new Outcome(m, null, v.orElse(null));
    }

    private static SipMessage accepted(String file) {
        Outcome o = run(file);
        assertThat(o.accepted()).as("%s should be accepted, got: %s", file, o.accepted() ? "" : o.reason()).isTrue();
        return o.message();
    }

    @TestFactory
    Stream<DynamicTest> everyVerdictHolds() throws IOException {
        List<String[]> rows = Files.readAllLines(CORPUS.resolve("VERDICTS.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row[0] + " " + row[1] + " (" + row[2] + ")", () -> {
            Outcome o = run(row[0]);
            switch (row[1]) {
                case "accept" -> assertThat(o.accepted())
                        .as("%s must be accepted but was refused: %s", row[0], o.accepted() ? "" : o.reason())
                        .isTrue();
                case "reject" -> {
                    assertThat(o.accepted()).as("%s must be refused", row[0]).isFalse();
                    assertThat(o.reason()).isNotBlank();
                }
                case "either" -> {
                    if (!o.accepted()) {
                        assertThat(o.reason()).isNotBlank();
                    }
                }
                default -> fail("unknown verdict " + row[1]);
            }
        }));
    }

    @Test
    void everyCorpusFileHasAVerdict() throws IOException {
        List<String> listed = Files.readAllLines(CORPUS.resolve("VERDICTS.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t")[0])
                .toList();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            List<String> onDisk = files.filter(Files::isRegularFile)
                    .map(p -> CORPUS.relativize(p).toString())
                    .filter(p -> p.startsWith("rfc"))
                    .filter(p -> !p.endsWith("README.md"))
                    .toList();
            // test.dat is the RFC archive's scratch file, not a numbered test, and the archive's
            // baddn.dat is judged through its terminated copy in rfc4475-variants
            assertThat(onDisk).filteredOn(p -> !p.equals("rfc4475/test.dat") && !p.equals("rfc4475/baddn.dat"))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @Test
    void esc02HasTwoContactsNotThree() {
        SipMessage m = accepted("rfc4475/esc02.dat");
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.headers().first("C%6Fntact")).contains("<sip:alias2@host2.example.com>");
        assertThat(((SipRequest) m).method().name()).isEqualTo("RE%47IST%45R");
    }

    @Test
    void semiuriUserPartKeepsTheSemicolon() {
        SipRequest r = (SipRequest) accepted("rfc4475/semiuri.dat");
        SipUri uri = (SipUri) r.uri();
        assertThat(uri.user()).isEqualTo("user;par=u%40example.net");
        assertThat(uri.host()).isEqualTo("example.com");
        assertThat(uri.parameters().isEmpty()).isTrue();
    }

    @Test
    void cparam01ParameterBelongsToTheContact() {
        Contact c = accepted("rfc4475/cparam01.dat").contacts().getFirst();
        assertThat(c.parameters().contains("unknownparam")).isTrue();
        assertThat(((SipUri) c.address().uri()).parameters().isEmpty()).isTrue();
    }

    @Test
    void cparam02ParameterBelongsToTheUri() {
        Contact c = accepted("rfc4475/cparam02.dat").contacts().getFirst();
        assertThat(c.parameters().isEmpty()).isTrue();
        assertThat(((SipUri) c.address().uri()).parameters().contains("unknownparam")).isTrue();
    }

    @Test
    void portInsideBracketsIsPartOfTheAddress() {
        SipUri uri = (SipUri) ((SipRequest) accepted("rfc5118-wire/port-ambiguous")).uri();
        assertThat(uri.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(uri.port()).isEqualTo(-1);
    }

    @Test
    void portOutsideBracketsIsThePort() {
        SipUri uri = (SipUri) ((SipRequest) accepted("rfc5118-wire/port-unambiguous")).uri();
        assertThat(uri.host()).isEqualTo("[2001:db8::10]");
        assertThat(uri.port()).isEqualTo(5070);
    }

    @Test
    void escnullContactsDiffer() {
        List<Contact> contacts = accepted("rfc4475/escnull.dat").contacts();
        assertThat(contacts).hasSize(2);
        assertThat(((SipUri) contacts.get(0).address().uri()).user()).isEqualTo("%00");
        assertThat(((SipUri) contacts.get(1).address().uri()).user()).isEqualTo("%00%00");
        assertThat(contacts.get(0)).isNotEqualTo(contacts.get(1));
    }

    @Test
    void wsinvSurvivesItsWhiteSpace() {
        SipMessage m = accepted("rfc4475/wsinv.dat");
        List<Via> vias = m.vias();
        assertThat(vias).extracting(Via::transport).containsExactly("UDP", "TCP", "UDP");
        assertThat(vias.get(1).branch()).contains("z9hG4bK9ikj8");
        assertThat(vias.get(2).branch()).contains("z9hG4bK30239");
        Address from = m.from();
        assertThat(from.displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(from.tag()).contains("98asjd8");
        assertThat(m.to().tag()).contains("1918181833n");
        assertThat(m.maxForwards()).hasValue(68);
        assertThat(m.cseq().sequence()).isEqualTo(9);
        assertThat(m.cseq().method()).isEqualTo("INVITE");
        assertThat(m.headers().first("NewFangledHeader")).contains("newfangled value continued newfangled value");
        Contact c = m.contacts().getFirst();
        assertThat(c.address().displayName()).isEqualTo("Quoted string \"\"");
        assertThat(c.q()).hasValue(0.33);
        assertThat(m.bodyLength()).isEqualTo(150);
    }

    @Test
    void dblreqIgnoresOctetsAfterTheBody() {
        SipMessage m = accepted("rfc4475/dblreq.dat");
        assertThat(m.bodyLength()).isEqualTo(m.contentLength().orElseThrow());
        assertThat(m.toBytes().length).isLessThan(read("rfc4475/dblreq.dat").length);
    }

    @Test
    void unknownSchemesAreKeptOpaque() {
        SipRequest r = (SipRequest) accepted("rfc4475/unkscm.dat");
        assertThat(r.uri()).isInstanceOf(AbsoluteUri.class);
        assertThat(r.uri().toString()).isEqualTo("nobodyKnowsThisScheme:totallyopaquecontent");
    }

    @Test
    void multipartBodySplitsIntoItsParts() {
        SipMessage m = accepted("rfc4475/mpart01.dat");
        MultipartBody body = Grammars.multipart(m);
        assertThat(body.parts()).hasSize(2);
        assertThat(body.parts().get(0).contentType()).isPresent();
    }

    @Test
    void rfc2543RequestWithoutBranchOrMaxForwardsIsAccepted() {
        SipMessage m = accepted("rfc4475/inv2543.dat");
        assertThat(m.topVia().branch()).isEmpty();
        assertThat(m.maxForwards()).isEmpty();
        assertThat(m.to().tag()).isEmpty();
    }

    @Test
    void badVersionGets505() {
        Outcome o = run("rfc4475/badvers.dat");
        assertThat(o.violation()).isNotNull();
        assertThat(o.violation().status()).isEqualTo(505);
    }

    @Test
    void cseqMethodMismatchIsNamed() {
        assertThat(run("rfc4475/mismatch01.dat").reason()).contains("CSeq");
    }

    @Test
    void overlargeCseqIsRefusedWithItsOffset() {
        Outcome o = run("rfc4475/scalar02.dat");
        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).containsIgnoringCase("CSeq");
        String text = new String(read("rfc4475/scalar02.dat"), java.nio.charset.StandardCharsets.ISO_8859_1);
        int offset = o.parseError() != null ? o.parseError().offset() : o.violation().offset();
        assertThat(offset).isBetween(text.indexOf("CSeq:"), text.indexOf("Call-ID:"));
    }

    @Test
    void clerrContentLengthBeyondTheDatagramIsRefused() {
        assertThatThrownBy(() -> SipParser.create().parseDatagram(read("rfc4475/clerr.dat")))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void archiveFilesWithoutVerdictParseOrFailCleanly() {
        for (String file : List.of("rfc4475/test.dat", "rfc4475/baddn.dat")) {
            Outcome o = run(file);
            assertThat(o.accepted()).as(file).isFalse();
            assertThat(o.reason()).isNotBlank();
        }
    }

    @Test
    void quotedPairsMayEscapeControlCharacters() {
        Address to = accepted("rfc4475/intmeth.dat").to();
        assertThat(to.displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
    }

    @Test
    void missingMandatoryHeadersAreNamed() {
        assertThat(run("rfc4475/insuf.dat").reason()).startsWith("missing ");
    }
}
