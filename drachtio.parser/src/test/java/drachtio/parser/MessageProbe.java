package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Address;
import drachtio.api.header.Challenge;
import drachtio.api.header.Credentials;
import drachtio.api.header.Header;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads everything a parsed message offers, typed, and fails (with an AssertionError, or by
 * letting any exception other than {@link SipParseException} escape) when something breaks
 * the API's promise: a typed accessor either returns or throws a {@code SipParseException}
 * whose offset lies in the message, with a status and a reason a response can carry.
 */
final class MessageProbe {
    /** Typed headers reached through {@code header(name, type)} rather than their own accessor. */
    private static final Map<String, Class<?>> BY_NAME = Map.ofEntries(
            Map.entry("Authorization", Credentials.class),
            Map.entry("Proxy-Authorization", Credentials.class),
            Map.entry("WWW-Authenticate", Challenge.class),
            Map.entry("Proxy-Authenticate", Challenge.class),
            Map.entry("Min-Expires", Integer.class),
            Map.entry("Path", Address.class),
            Map.entry("Service-Route", Address.class),
            Map.entry("Reply-To", Address.class),
            Map.entry("Refer-To", Address.class),
            Map.entry("Referred-By", Address.class));

    private MessageProbe() {
    }

    /**
     * Checks an error the parser raised.
     *
     * @param e the error
     * @param length the length of the input the offset counts in
     */
    static void checkError(SipParseException e, int length) {
        assertThat(e.offset()).as("offset of %s", e.reason()).isBetween(-1, length);
        assertThat(e.status()).as("status of %s", e.reason()).isBetween(400, 599);
        checkReason(e.reason());
    }

    /** A reason phrase goes into a status line: printable ASCII only, never empty. */
    static void checkReason(String reason) {
        assertThat(reason).isNotBlank();
        assertThat(reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("reason %s is printable ASCII", reason)
                .isTrue();
    }

    /**
     * Runs the validator and every typed accessor on a message.
     *
     * @param m the message
     */
    static void readEverything(SipMessage m) {
        int length = m.toBytes().length;
        SipValidator.check(m).ifPresent(v -> {
            assertThat(v.offset()).as("violation offset").isBetween(-1, length);
            assertThat(v.status()).as("violation status").isBetween(400, 599);
            checkReason(v.reason());
        });
        assertThat(m.version()).isNotEmpty();
        assertThat(m.bodyLength()).isEqualTo(m.body().length);
        List<Header> fields = m.headers().toList();
        assertThat(fields).hasSize(m.headers().size());
        for (int i = 0; i < fields.size(); i++) {
            assertThat(fields.get(i).name()).isEqualTo(m.headers().name(i)).isNotEmpty();
            assertThat(fields.get(i).value()).isEqualTo(m.headers().value(i));
            assertThat(m.headers().valueOffset(i)).isBetween(0, length);
        }
        typed(length, m::vias);
        typed(length, m::topVia);
        typed(length, m::from);
        typed(length, m::to);
        typed(length, m::callId);
        typed(length, m::cseq);
        typed(length, m::contacts);
        typed(length, m::routes);
        typed(length, m::recordRoutes);
        typed(length, m::maxForwards);
        typed(length, m::contentLength);
        typed(length, m::contentType);
        typed(length, m::expires);
        BY_NAME.forEach((name, type) -> {
            typed(length, () -> m.header(name, type));
            typed(length, () -> m.headers().all(name, type));
        });
        typed(length, () -> m.contentType()
                .filter(t -> t.type().equalsIgnoreCase("multipart"))
                .map(t -> Grammars.multipart(m)));
    }

    /** Calls an accessor twice (the second answer comes from the cache and must agree). */
    private static void typed(int length, Supplier<?> accessor) {
        Object first;
        try {
            first = accessor.get();
        } catch (SipParseException e) {
            checkError(e, length);
            try {
                accessor.get();
            } catch (SipParseException again) {
                assertThat(again.reason()).isEqualTo(e.reason());
                return;
            }
            throw new AssertionError("a header that failed to parse parsed on the second try", e);
        }
        assertThat(accessor.get()).isEqualTo(first);
    }
}
