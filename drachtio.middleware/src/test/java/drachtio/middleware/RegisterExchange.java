package drachtio.middleware;

import drachtio.api.Next;
import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.header.CSeq;
import drachtio.api.header.Via;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.Source;
import drachtio.parser.SipParser;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Test doubles for one request passing one middleware, without sockets or an App: a
 * {@link Request} over a message parsed from text, a {@link Response} that records what was
 * sent, and a {@link Next} that counts calls.
 */
public final class RegisterExchange {
    /** The request double. */
    public final Req req;
    /** The response double. */
    public final Res res = new Res();
    /** The next double. */
    public final Counter next = new Counter();

    private RegisterExchange(SipRequest message) {
        this.req = new Req(message);
        res.request = message;
    }

    /**
     * @param text a request, lines separated by {@code \n} (turned into CRLF), no body
     * @return an exchange over it
     */
    public static RegisterExchange of(String text) {
        String wire = text.strip().replace("\n", "\r\n") + "\r\nContent-Length: 0\r\n\r\n";
        return new RegisterExchange((SipRequest) SipParser.create().parseDatagram(wire.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * @param method the method
     * @param headerLines headers added after Via, Max-Forwards, From, To, Call-ID and CSeq
     * @return an exchange over that request
     */
    public static RegisterExchange request(String method, String... headerLines) {
        StringBuilder sb = new StringBuilder()
                .append(method).append(" sip:example.com SIP/2.0\n")
                .append("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7\n")
                .append("Max-Forwards: 70\n")
                .append("From: Bob <sip:bob@example.com>;tag=456248\n")
                .append("To: Bob <sip:bob@example.com>\n")
                .append("Call-ID: 843817637684230@998sdasdh09\n")
                .append("CSeq: 1826 ").append(method).append('\n');
        for (String line : headerLines) {
            sb.append(line).append('\n');
        }
        return of(sb.toString());
    }

    /** A request double: typed accessors delegate to the parsed message, attributes in a map. */
    public static final class Req implements Request {
        private final SipRequest message;
        private final Map<Class<?>, Object> attributes = new HashMap<>();

        Req(SipRequest message) {
            this.message = message;
        }

        /** @return how many attributes were set */
        public int attributeCount() {
            return attributes.size();
        }

        @Override
        public SipRequest message() {
            return message;
        }

        @Override
        public Source source() {
            return new Source("UDP", new InetSocketAddress("192.0.2.4", 5060), new InetSocketAddress("127.0.0.1", 5060));
        }

        @Override
        public <T> Optional<T> attribute(Class<T> type) {
            return Optional.ofNullable(type.cast(attributes.get(type)));
        }

        @Override
        public <T> void attribute(Class<T> type, T value) {
            attributes.put(type, type.cast(value));
        }

        @Override
        public void onCancel(Consumer<SipRequest> listener) {
            // never cancelled here
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }

    /** A response double recording each response sent. */
    public static final class Res implements Response {
        private SipRequest request;
        private final List<SipResponse> sent = new ArrayList<>();

        /** @return every response sent, in order */
        public List<SipResponse> sent() {
            return List.copyOf(sent);
        }

        @Override
        public void send(int status, String reason, Parts parts) {
            if (finalSent()) {
                throw new IllegalStateException("a final response was already sent");
            }
            SipResponse.Builder b = SipResponse.replyTo(request, status);
            if (reason != null) {
                b.reason(reason);
            }
            for (var h : parts.headers()) {
                b.header(h.name(), h.value());
            }
            sent.add(b.build());
        }

        @Override
        public boolean finalSent() {
            return status() >= 200;
        }

        @Override
        public int status() {
            return sent.isEmpty() ? 0 : sent.getLast().status();
        }

        @Override
        public Optional<SipResponse> finalResponse() {
            return finalSent() ? Optional.of(sent.getLast()) : Optional.empty();
        }
    }

    /** A next double counting {@link #proceed()} calls. */
    public static final class Counter implements Next {
        private int proceeded;
        private Throwable failed;

        /** @return how many times proceed() was called */
        public int proceeded() {
            return proceeded;
        }

        /** @return what fail() was given, or null */
        public Throwable failed() {
            return failed;
        }

        @Override
        public void proceed() {
            proceeded++;
        }

        @Override
        public void fail(Throwable error) {
            failed = error;
        }
    }
}
