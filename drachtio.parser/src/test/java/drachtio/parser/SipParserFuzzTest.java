package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz targets for the parser (Jazzer). A plain {@code mvn test} runs each
 * target once per seed in {@code SipParserFuzzTestInputs} (regression mode); with
 * {@code JAZZER_FUZZ=1} the first selected target is fuzzed for its {@code maxDuration} (see
 * "Fuzzing the parser" in docs/ARCHITECTURE.md). Any exception other than
 * {@link SipParseException}, any failed assertion and any input that takes longer than the
 * timeout is a finding: JUnit applies the timeout to each seed, Jazzer hands it to libFuzzer
 * as the limit per input while fuzzing.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SipParserFuzzTest {
    /** Tight limits, so that fuzzer-sized inputs reach the limit checks too. */
    static final ParserLimits TIGHT = ParserLimits.builder().maxMessageSize(512).maxHeaders(8).maxLineLength(96)
            .build();
    private static final List<SipParser> PARSERS = List.of(SipParser.create(), SipParser.create(TIGHT));

    /**
     * Any octets: a datagram parses to a message or fails with the parser's own exception,
     * an offset inside the datagram and a status and reason fit for a response; the validator
     * and every typed accessor of a parsed message keep to the same promise.
     */
    @FuzzTest(maxDuration = "5m")
    void datagramsParseOrFailCleanly(byte[] datagram) {
        for (SipParser parser : PARSERS) {
            SipMessage m = FuzzProperties.parseOrNull(parser, datagram);
            if (m != null) {
                MessageProbe.readEverything(m);
                FuzzProperties.sameOwnedParse(parser, datagram, m);
            }
        }
    }

    /**
     * Any octets: a stream framer reports the same frames and errors, at the same stream
     * offsets, whether the octets arrive in one chunk, in two split where the fuzzer says, or
     * one octet at a time.
     */
    @FuzzTest(maxDuration = "5m")
    void streamFramesDoNotDependOnChunking(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 0xffff);
        byte[] stream = data.consumeRemainingAsBytes();
        for (SipParser parser : PARSERS) {
            FuzzProperties.sameFramesHoweverSplit(parser, stream, cut % (stream.length + 1));
        }
    }

    /**
     * Any octets: a message that parses and validates gives wire octets that parse to the same
     * message, a rebuilt copy (its builder) that parses to the same start line, fields and
     * body, and typed values whose text parses back to the same value.
     */
    @FuzzTest(maxDuration = "5m")
    void validMessagesSurviveReserialisation(byte[] datagram) {
        SipMessage m = FuzzProperties.parseOrNull(SipParser.create(), datagram);
        if (m != null && SipValidator.check(m).isEmpty()) {
            FuzzProperties.survivesReserialisation(m);
        }
    }

    /** The same properties over every torture message, so the whole corpus is checked too. */
    @TestFactory
    Stream<DynamicTest> everyCorpusMessageMeetsTheFuzzProperties() throws IOException {
        Path corpus = Path.of("src/test/resources/corpus");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches(".*\\.(md|tsv)"))
                    .sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        return files.stream().map(p -> DynamicTest.dynamicTest(corpus.relativize(p).toString(), () -> {
            byte[] wire = Files.readAllBytes(p);
            datagramsParseOrFailCleanly(wire);
            validMessagesSurviveReserialisation(wire);
            for (SipParser parser : PARSERS) {
                FuzzProperties.sameFramesHoweverSplit(parser, wire, wire.length / 2);
            }
        }));
    }
}
