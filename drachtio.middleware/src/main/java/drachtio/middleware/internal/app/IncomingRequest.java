package drachtio.middleware.internal.app;

import drachtio.api.Request;
import drachtio.api.message.SipRequest;
import drachtio.api.spi.Source;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link Request} handlers see: a view over the received message and its transaction. */
final class IncomingRequest implements Request {
    private final SipRequest message;
    private final Source source;
    private final Map<Class<?>, Object> attributes = new ConcurrentHashMap<>(4);
    private final ReentrantLock cancelLock = new ReentrantLock();
    private Consumer<SipRequest> cancelListener;
    private SipRequest cancel;

    IncomingRequest(SipRequest message, Source source) {
        this.message = message;
        this.source = source;
    }

    @Override
    public SipRequest message() {
        return message;
    }

    @Override
    public Source source() {
        return source;
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
        SipRequest already;
        cancelLock.lock();
        try {
            cancelListener = listener;
            already = cancel;
        } finally {
            cancelLock.unlock();
        }
        if (already != null) {
            Thread.ofVirtual().name("drachtio-cancel").start(() -> listener.accept(already));
        }
    }

    @Override
    public boolean cancelled() {
        cancelLock.lock();
        try {
            return cancel != null;
        } finally {
            cancelLock.unlock();
        }
    }

    /** The stack matched a CANCEL to this request (and has answered it and the INVITE). */
    void cancelled(SipRequest cancelRequest) {
        Consumer<SipRequest> listener;
        cancelLock.lock();
        try {
            cancel = cancelRequest;
            listener = cancelListener;
        } finally {
            cancelLock.unlock();
        }
        if (listener != null) {
            Thread.ofVirtual().name("drachtio-cancel").start(() -> listener.accept(cancelRequest));
        }
    }

    /** @return the Call-ID as written, for log lines; never throws */
    String callIdForLog() {
        return message.headers().first("Call-ID").orElse("(none)");
    }

    @Override
    public String toString() {
        return message.requestLine() + " from " + source.transport() + ":" + source.remote();
    }
}
