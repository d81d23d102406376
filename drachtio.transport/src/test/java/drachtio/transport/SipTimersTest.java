package drachtio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The derived timers of RFC 3261 table 4. */
class SipTimersTest {
    @Test
    void timeoutsAre64TimesT1() {
        assertThat(SipTimers.rfc3261().timeout()).isEqualTo(Duration.ofSeconds(32));
        assertThat(SipTimers.scaled(Duration.ofMillis(100)).timeout()).isEqualTo(Duration.ofMillis(6_400));
    }

    @Test
    void timerDIsNeverLessThan32SecondsSinceItCoversTheServersTimerH() {
        assertThat(SipTimers.rfc3261().timerD()).isEqualTo(Duration.ofSeconds(32));
        assertThat(SipTimers.scaled(Duration.ofMillis(100)).timerD()).isEqualTo(Duration.ofSeconds(32));
        assertThat(SipTimers.scaled(Duration.ofSeconds(1)).timerD()).isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void refusesAT2ShorterThanT1() {
        assertThatThrownBy(() -> new SipTimers(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(200))).isInstanceOf(IllegalArgumentException.class);
    }
}
