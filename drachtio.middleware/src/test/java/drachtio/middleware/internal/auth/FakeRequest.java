package drachtio.middleware.internal.auth;

import drachtio.api.Request;
import drachtio.api.message.SipRequest;
import drachtio.api.spi.Source;
import drachtio.parser.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** A {@link Request} over a parsed message, for middleware tests without an App or sockets. */
public final class FakeRequest implements Request {
    private final SipRequest message;
    private final Map<Class<?>, Object> attributes = new HashMap<>();

    public FakeRequest(SipRequest message) {
        this.message = message;
    }

    /** @param text a request, lines separated by LF (turned into CRLF) */
    public static FakeRequest parse(String text) {
        return new FakeRequest(parseMessage(text));
    }

    /** @param text a request, lines separated by LF (turned into CRLF) */
    public static SipRequest parseMessage(String text) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return (SipRequest) SipParser.create().parseDatagram(bytes);
    }

    @Override
    public SipRequest message() {
        return message;
    }

    @Override
    public OptionalInt expires() {
        return message.headers().first("Expires").map(s -> OptionalInt.of(Integer.parseInt(s.strip())))
                .orElse(OptionalInt.empty());
    }

    @Override
    public OptionalInt maxForwards() {
        return message.headers().first("Max-Forwards").map(s -> OptionalInt.of(Integer.parseInt(s.strip())))
                .orElse(OptionalInt.empty());
    }

    @Override
    public Source source() {
        InetSocketAddress here = new InetSocketAddress("127.0.0.1", 5060);
        return new Source("UDP", new InetSocketAddress("127.0.0.1", 5080), here);
    }

    @Override
    public <T> Optional<T> attribute(Class<T> type) {
        return Optional.ofNullable(type.cast(attributes.get(type)));
    }

    @Override
    public <T> void attribute(Class<T> type, T value) {
        attributes.put(type, value);
    }

    @Override
    public void onCancel(Consumer<SipRequest> listener) {
    }

    @Override
    public boolean cancelled() {
        return false;
    }
}
