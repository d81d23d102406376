package drachtio.middleware.internal.auth;

import drachtio.api.Parts;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.header.Header;
import drachtio.api.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link Response} that records what was sent and builds the final response as the App would. */
public final class FakeResponse implements Response {
    /** One {@code send} call. */
    public record Sent(int status, String reason, Parts parts) {
        /** @return the values of the headers of that name, in order */
        public List<String> headers(String name) {
            return parts.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }
    }

    private final Request request;
    private final List<Sent> sent = new ArrayList<>();
    private SipResponse last;

    public FakeResponse(Request request) {
        this.request = request;
    }

    @Override
    public void send(int status, String reason, Parts parts) {
        if (finalSent()) {
            throw new IllegalStateException("a final response was already sent");
        }
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status " + status);
        }
        sent.add(new Sent(status, reason, parts));
        SipResponse.Builder b = SipResponse.replyTo(request.message(), status);
        if (reason != null) {
            b.reason(reason);
        }
        for (Header h : parts.headers()) {
            b.header(h.name(), h.value());
        }
        last = b.build();
    }

    /** @return every send, in order */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return the only send */
    public Sent only() {
        if (sent.size() != 1) {
            throw new AssertionError("expected one response, got " + sent.size());
        }
        return sent.getFirst();
    }

    /** @return the last response as the App would have built it */
    public SipResponse built() {
        return last;
    }

    @Override
    public boolean finalSent() {
        return !sent.isEmpty() && sent.getLast().status() >= 200;
    }

    @Override
    public int status() {
        return sent.isEmpty() ? 0 : sent.getLast().status();
    }

    @Override
    public Optional<SipResponse> finalResponse() {
        return finalSent() ? Optional.of(last) : Optional.empty();
    }
}
