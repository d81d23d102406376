package drachtio.transport.internal.net;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link NetworkTransport} has seen, for monitoring and tests. Counters only grow,
 * except {@link #tcpOpen()}, which is the number of connections open now.
 */
public final class NetCounters {

    /** Why an inbound message was not passed up. */
    public enum Drop {
        /** The octets are not a SIP message (bad framing, grammar, oversize). */
        UNPARSEABLE,
        /** It parsed but breaks an RFC 3261 rule ({@code SipValidator}). */
        INVALID,
        /** A response whose top Via sent-by is not one of ours (RFC 3261 18.1.2). */
        NOT_OURS,
        /** The inbound handler threw. */
        HANDLER_ERROR,
        /** A new request turned away under overload before the transaction layer (it gets 503). */
        OVERLOAD
    }

    private final LongAdder datagramsReceived = new LongAdder();
    private final LongAdder tcpMessagesReceived = new LongAdder();
    private final Map<Drop, LongAdder> dropped = new EnumMap<>(Drop.class);
    private final LongAdder errorResponsesSent = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder keepAlivesAnswered = new LongAdder();
    private final AtomicInteger tcpOpen = new AtomicInteger();
    private final LongAdder tcpAccepted = new LongAdder();
    private final LongAdder tcpConnected = new LongAdder();
    private final LongAdder tcpRefused = new LongAdder();
    private final LongAdder tcpRefusedStayedOnUdp = new LongAdder();
    private final LongAdder tcpClosedIdle = new LongAdder();
    private final LongAdder tcpClosedDeadline = new LongAdder();
    private final LongAdder tcpClosedBroken = new LongAdder();
    private final LongAdder tcpClosedWriteStall = new LongAdder();

    NetCounters() {
        for (Drop d : Drop.values()) {
            dropped.put(d, new LongAdder());
        }
    }

    /** @return datagrams read from UDP sockets */
    public long datagramsReceived() {
        return datagramsReceived.sum();
    }

    /** @return messages framed on TCP connections */
    public long tcpMessagesReceived() {
        return tcpMessagesReceived.sum();
    }

    /**
     * @param reason a reason
     * @return inbound messages or datagrams dropped for it
     */
    public long dropped(Drop reason) {
        return dropped.get(reason).sum();
    }

    /** @return inbound messages or datagrams dropped for any reason */
    public long droppedTotal() {
        long n = 0;
        for (LongAdder a : dropped.values()) {
            n += a.sum();
        }
        return n;
    }

    /** @return 400, 505 and 513 responses sent by the network layer for bad requests */
    public long errorResponsesSent() {
        return errorResponsesSent.sum();
    }

    /** @return messages sent through {@link NetworkTransport#send} */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** @return CRLF CRLF pings answered with CRLF (RFC 5626 4.4.1) */
    public long keepAlivesAnswered() {
        return keepAlivesAnswered.sum();
    }

    /** @return TCP connections open now */
    public int tcpOpen() {
        return tcpOpen.get();
    }

    /** @return inbound TCP connections accepted */
    public long tcpAccepted() {
        return tcpAccepted.sum();
    }

    /** @return outbound TCP connections opened */
    public long tcpConnected() {
        return tcpConnected.sum();
    }

    /** @return inbound TCP connections closed at once because the connection limit was reached */
    public long tcpRefused() {
        return tcpRefused.sum();
    }

    /**
     * @return requests moved to TCP for their size that went over UDP after all, because the
     *     peer refused or reset the connection (RFC 3261 18.1.1)
     */
    public long tcpRefusedStayedOnUdp() {
        return tcpRefusedStayedOnUdp.sum();
    }

    /** @return TCP connections closed after the idle timeout */
    public long tcpClosedIdle() {
        return tcpClosedIdle.sum();
    }

    /** @return TCP connections closed because a message was not completed in time */
    public long tcpClosedDeadline() {
        return tcpClosedDeadline.sum();
    }

    /** @return TCP connections closed because the stream broke SIP framing */
    public long tcpClosedBroken() {
        return tcpClosedBroken.sum();
    }

    /** @return TCP connections closed because a write blocked too long */
    public long tcpClosedWriteStall() {
        return tcpClosedWriteStall.sum();
    }

    void datagram() {
        datagramsReceived.increment();
    }

    void tcpMessage() {
        tcpMessagesReceived.increment();
    }

    void drop(Drop reason) {
        dropped.get(reason).increment();
    }

    void errorResponse() {
        errorResponsesSent.increment();
    }

    void sent() {
        messagesSent.increment();
    }

    void keepAlive() {
        keepAlivesAnswered.increment();
    }

    AtomicInteger openGauge() {
        return tcpOpen;
    }

    void accepted() {
        tcpAccepted.increment();
    }

    void stayedOnUdp() {
        tcpRefusedStayedOnUdp.increment();
    }

    void connected() {
        tcpConnected.increment();
    }

    void refused() {
        tcpRefused.increment();
    }

    void closed(CloseReason why) {
        switch (why) {
            case IDLE -> tcpClosedIdle.increment();
            case DEADLINE -> tcpClosedDeadline.increment();
            case BROKEN -> tcpClosedBroken.increment();
            case WRITE_STALL -> tcpClosedWriteStall.increment();
            case PEER, ERROR, STOP -> {
            }
        }
    }

    @Override
    public String toString() {
        return "NetCounters[datagrams=" + datagramsReceived() + ", tcpMessages=" + tcpMessagesReceived() + ", dropped="
                + droppedTotal() + ", errorResponses=" + errorResponsesSent() + ", sent=" + messagesSent()
                + ", tcpOpen=" + tcpOpen() + ", accepted=" + tcpAccepted() + ", connected=" + tcpConnected()
                + ", refused=" + tcpRefused() + ", stayedOnUdp=" + tcpRefusedStayedOnUdp() + ", idle=" + tcpClosedIdle()
                + ", deadline=" + tcpClosedDeadline() + ", broken=" + tcpClosedBroken() + "]";
    }

    /** Why a TCP connection was closed. */
    enum CloseReason {
        /** The peer closed it or reset it. */
        PEER,
        /** No traffic for the idle timeout. */
        IDLE,
        /** A message was not completed in time. */
        DEADLINE,
        /** The stream broke SIP framing. */
        BROKEN,
        /** A write blocked too long. */
        WRITE_STALL,
        /** An I/O error. */
        ERROR,
        /** The transport stopped. */
        STOP
    }
}
