package drachtio.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Listen;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleArgsTest {

    @Test
    void readsTheOperandAndOptionsInAnyOrder() {
        ExampleArgs a = ExampleArgs.parse(List.of("--body", "x", "sip:a@127.0.0.1", "--body", "y"), Set.of("--body"));

        assertThat(a.target("sip:default@127.0.0.1")).isEqualTo("sip:a@127.0.0.1");
        assertThat(a.text("--body", "none")).isEqualTo("y");
        assertThat(ExampleArgs.parse(List.of(), Set.of()).target("sip:default@127.0.0.1")).isEqualTo("sip:default@127.0.0.1");
    }

    @Test
    void listenDefaultsToUdpLoopback5060AndTakesSeveral() {
        assertThat(ExampleArgs.parse(List.of(), Set.of("--listen")).listen()).containsExactly(Listen.udp("127.0.0.1", 5060));
        assertThat(ExampleArgs.parse(List.of("--listen", "udp:127.0.0.1:0", "--listen", "tcp:[::1]:5070"),
                Set.of("--listen")).listen()).containsExactly(Listen.udp("127.0.0.1", 0), Listen.tcp("::1", 5070));
    }

    @Test
    void millisecondsAreWholeAndNotNegative() {
        assertThat(ExampleArgs.parse(List.of("--ring", "250"), Set.of("--ring")).millis("--ring", Duration.ZERO))
                .isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> ExampleArgs.parse(List.of("--ring", "-1"), Set.of("--ring")).millis("--ring", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--ring");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> ExampleArgs.parse(List.of("--nope"), Set.of())).hasMessage("unknown option --nope");
        assertThatThrownBy(() -> ExampleArgs.parse(List.of("a", "b"), Set.of())).hasMessageContaining("one operand only");
        assertThatThrownBy(() -> ExampleArgs.parse(List.of("--body"), Set.of("--body"))).hasMessage("--body needs a value");
        assertThatThrownBy(() -> ExampleArgs.listen("udp:127.0.0.1")).hasMessageContaining("TRANSPORT:HOST:PORT");
        assertThatThrownBy(() -> ExampleArgs.listen("sctp:127.0.0.1:5060")).hasMessageContaining("bad --listen");
        assertThatThrownBy(() -> ExampleArgs.listen("udp:127.0.0.1:x")).hasMessageContaining("bad --listen");
    }
}
