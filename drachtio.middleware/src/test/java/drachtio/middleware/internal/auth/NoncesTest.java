package drachtio.middleware.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoncesTest {
    private final MutableClock clock = new MutableClock();
    private final Nonces nonces = new Nonces(Duration.ofSeconds(300), clock, 4);

    @Test
    void acceptsItsOwnNonceForItsRealm() {
        String n = nonces.issue("example.com");
        assertThat(n).matches("[A-Za-z0-9_-]{48}");
        assertThat(nonces.check("example.com", n)).isEqualTo(Nonces.Status.VALID);
        assertThat(nonces.issue("example.com")).isNotEqualTo(n);
    }

    @Test
    void refusesNoncesOfAnotherRealmOrInstanceOrTampered() {
        String n = nonces.issue("example.com");
        assertThat(nonces.check("other.com", n)).isEqualTo(Nonces.Status.FORGED);
        Nonces other = new Nonces(Duration.ofSeconds(300), clock, 4);
        assertThat(other.check("example.com", n)).isEqualTo(Nonces.Status.FORGED);
        char c = n.charAt(3) == 'A' ? 'B' : 'A';
        assertThat(nonces.check("example.com", n.substring(0, 3) + c + n.substring(4))).isEqualTo(Nonces.Status.FORGED);
        assertThat(nonces.check("example.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093")).isEqualTo(Nonces.Status.FORGED);
        assertThat(nonces.check("example.com", "!".repeat(48))).isEqualTo(Nonces.Status.FORGED);
    }

    @Test
    void expiresAfterTheTimeToLive() {
        String n = nonces.issue("r");
        clock.advance(Duration.ofSeconds(300));
        assertThat(nonces.check("r", n)).isEqualTo(Nonces.Status.VALID);
        clock.advance(Duration.ofMillis(1));
        assertThat(nonces.check("r", n)).isEqualTo(Nonces.Status.EXPIRED);
    }

    @Test
    void acceptsOnlyRisingCounts() {
        String n = nonces.issue("r");
        assertThat(nonces.advance(n, 1)).isTrue();
        assertThat(nonces.advance(n, 1)).isFalse();
        assertThat(nonces.advance(n, 3)).isTrue();
        assertThat(nonces.advance(n, 2)).isFalse();
        assertThat(nonces.advance(n, 4)).isTrue();
    }

    @Test
    void forgetsExpiredNoncesWhenFull() {
        for (int i = 0; i < 4; i++) {
            assertThat(nonces.advance(nonces.issue("r"), 1)).isTrue();
        }
        clock.advance(Duration.ofSeconds(301));
        String fresh = nonces.issue("r");
        assertThat(nonces.advance(fresh, 1)).isTrue();
        assertThat(nonces.remembered()).isEqualTo(1);
    }

    @Test
    void staysBoundedAndTreatsDroppedNoncesAsUsed() {
        String first = nonces.issue("r");
        assertThat(nonces.advance(first, 1)).isTrue();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMillis(10));
            assertThat(nonces.advance(nonces.issue("r"), 1)).isTrue();
            assertThat(nonces.remembered()).isLessThanOrEqualTo(4);
        }
        // dropped to make room: a replay with a higher count must still not pass as a new nonce
        assertThat(nonces.advance(first, 2)).isFalse();
    }

    @Test
    void dropsTheOldestFirstAndKeepsTheCountsOfTheNewest() {
        String[] n = new String[6];
        for (int i = 0; i < n.length; i++) {
            clock.advance(Duration.ofMillis(10));
            n[i] = nonces.issue("r");
            assertThat(nonces.advance(n[i], 1)).isTrue();
        }
        assertThat(nonces.remembered()).isEqualTo(4);
        // the two oldest made room: used up, whatever the count
        assertThat(nonces.advance(n[0], 9)).isFalse();
        assertThat(nonces.advance(n[1], 9)).isFalse();
        // the four newest are still remembered: their replay is refused, a higher count passes
        for (int i = 2; i < n.length; i++) {
            assertThat(nonces.advance(n[i], 1)).isFalse();
            assertThat(nonces.advance(n[i], 2)).isTrue();
        }
    }

    @Test
    void anExpiredOldestEntryGoesWithoutRaisingTheFloor() {
        String old = nonces.issue("r");
        assertThat(nonces.advance(old, 1)).isTrue();
        clock.advance(Duration.ofSeconds(200));
        String issuedBefore = nonces.issue("r");
        clock.advance(Duration.ofSeconds(101));
        // old has expired: the next first use drops it, but a nonce issued before this moment and
        // never used is still fresh (the floor did not move)
        assertThat(nonces.advance(nonces.issue("r"), 1)).isTrue();
        assertThat(nonces.remembered()).isEqualTo(1);
        assertThat(nonces.advance(issuedBefore, 1)).isTrue();
    }
}
