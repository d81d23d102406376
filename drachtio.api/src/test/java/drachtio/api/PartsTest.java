package drachtio.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartsTest {
    @Test
    void hasFindsAHeaderInAnyCaseAndByItsCompactForm() {
        Parts parts = Parts.header("call-id", "x@y").with("Record-Route", "<sip:p;lr>");
        assertThat(parts.has("Call-ID")).isTrue();
        assertThat(parts.has("i")).isTrue();
        assertThat(parts.has("record-route")).isTrue();
        assertThat(parts.has("Route")).isFalse();
        assertThat(Parts.NONE.has("Contact")).isFalse();
    }
}
