package drachtio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipRequest;
import drachtio.parser.SipParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor builds the very values the parser returns for the INVITE, so the bytes it counts
 * are those of the same objects and not of a smaller stand-in.
 */
class FloorTest {

    @ParameterizedTest(name = "sharing {0}")
    @ValueSource(ints = {0, 1, 2})
    void theFloorBuildsWhatTheParserReturns(int sharing) {
        WorkloadsTest.Recording recording = new WorkloadsTest.Recording();
        Floor.once(sharing, recording);
        List<Object> built = recording.values;
        SipMessage msg = SipParser.create().parseDatagram(Messages.bytes("invite"));
        assertThat(built.subList(1, built.size())).containsExactly(
                ((SipRequest) msg).uri(),
                msg.vias(),
                msg.to(),
                msg.from(),
                msg.callId(),
                msg.cseq(),
                msg.contacts(),
                msg.contentType().orElseThrow(),
                msg.headers().first("Allow").orElseThrow(),
                msg.headers().first("Supported").orElseThrow(),
                msg.headers().first("User-Agent").orElseThrow());
    }
}
