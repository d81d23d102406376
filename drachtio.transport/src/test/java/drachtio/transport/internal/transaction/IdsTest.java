package drachtio.transport.internal.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void branchesCarryTheMagicCookieAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> seen.add(Ids.branch()));
        assertThat(seen).hasSize(10_000).allSatisfy(b -> assertThat(b).startsWith("z9hG4bK").hasSizeGreaterThan(10));
    }

    @Test
    void tagsAreTokensAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> seen.add(Ids.tag()));
        assertThat(seen).hasSize(10_000).allSatisfy(t -> assertThat(t).matches("[0-9a-z]+"));
    }
}
