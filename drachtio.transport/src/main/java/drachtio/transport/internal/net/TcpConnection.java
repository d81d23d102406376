package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.message.SipParseException;
import drachtio.parser.Frame;
import drachtio.parser.StreamFramer;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetCounters.CloseReason;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection: a blocking reader loop (run on its own virtual thread) that frames
 * messages and answers keep-alives, and writes serialized by a {@link ReentrantLock}. The
 * timestamps it keeps let {@link TcpConnections#reap} close it when idle, when a message takes
 * too long, or when a write is stuck.
 */
final class TcpConnection {
    private static final Logger log = LoggerFactory.getLogger(TcpConnection.class);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int READ_BUFFER = 8192;
    private static final int LINGER_MILLIS = 1000;
    private static final int LINGER_OCTETS = 65_536;

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean inbound;
    private final Hop hop;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private final BiConsumer<TcpConnection, CloseReason> onClose;
    private volatile long lastActivity;
    /** When the message deadline started (accept, or the first octet of a message); 0 when none runs. */
    private volatile long awaitingSince;
    /** When the write in progress started; 0 when none. */
    private volatile long writeStarted;

    TcpConnection(SocketChannel channel, InetSocketAddress remote, InetSocketAddress local, boolean inbound,
                  BiConsumer<TcpConnection, CloseReason> onClose) {
        this.channel = channel;
        this.remote = remote;
        this.local = local;
        this.inbound = inbound;
        this.onClose = onClose;
        this.hop = new Hop("TCP", remote, local);
        long now = stamp();
        this.lastActivity = now;
        // an accepted connection must deliver a message in time (many silent connections)
        this.awaitingSince = inbound ? now : 0;
    }

    /** @return the peer's address: the key of this connection */
    InetSocketAddress remote() {
        return remote;
    }

    /** @return the hop messages on this connection arrive on */
    Hop hop() {
        return hop;
    }

    /** @return whether the peer opened it */
    boolean inbound() {
        return inbound;
    }

    /** @return whether it has not been closed */
    boolean isOpen() {
        return closed.get() == null;
    }

    @Override
    public String toString() {
        return "tcp " + Addresses.text(local) + (inbound ? "<-" : "->") + Addresses.text(remote);
    }

    /**
     * Reads until the peer closes, the stream breaks or the connection is closed.
     *
     * @param framer a fresh framer for this stream
     * @param in where messages go
     */
    void readLoop(StreamFramer framer, Inbound in) {
        ByteBuffer buf = ByteBuffer.allocate(READ_BUFFER);
        PendingHead head = new PendingHead();
        try {
            while (true) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    close(CloseReason.PEER);
                    return;
                }
                long now = stamp();
                lastActivity = now;
                head.feed(buf.array(), 0, n);
                framer.feed(buf.array(), 0, n);
                if (!drain(framer, head, in)) {
                    lingerAndClose();
                    return;
                }
                head.consumedTo(head.fed() - framer.buffered());
                // the message deadline runs for a started message only: CRLFs between messages
                // (or the start of a keep-alive) may wait as long as the connection may idle
                if (!framer.messageStarted()) {
                    awaitingSince = 0;
                } else if (awaitingSince == 0) {
                    awaitingSince = now;
                }
            }
        } catch (IOException e) {
            if (isOpen()) {
                log.debug("{}: read failed: {}", this, e.toString());
            }
            close(CloseReason.PEER);
        }
    }

    /** @return false when the stream broke framing */
    private boolean drain(StreamFramer framer, PendingHead head, Inbound in) {
        while (true) {
            Frame f;
            try {
                f = framer.next();
            } catch (SipParseException e) {
                in.streamBroken(head, e, this);
                return false;
            }
            switch (f) {
                case Frame.Message m -> {
                    awaitingSince = 0;
                    // what a framing error after it points at is the next message, not this one
                    head.consumedTo(head.fed() - framer.buffered());
                    in.streamMessage(m.message(), this);
                }
                case Frame.KeepAlive k -> {
                    head.consumedTo(head.fed() - framer.buffered());
                    in.keepAlive(this);
                }
                case Frame.NeedMoreBytes x -> {
                    return true;
                }
            }
        }
    }

    /**
     * Closes after a framing error without losing the error response: closing a socket with
     * unread input sends a reset, which can make the peer discard the response. So the output
     * is shut down first (FIN after the response) and the input read and discarded until the
     * peer closes, for at most {@link #LINGER_MILLIS} and {@link #LINGER_OCTETS}.
     */
    private void lingerAndClose() {
        try {
            channel.shutdownOutput();
            Socket s = channel.socket();
            s.setSoTimeout(LINGER_MILLIS);
            InputStream input = s.getInputStream();
            byte[] sink = new byte[4096];
            long until = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
            int total = 0;
            while (total < LINGER_OCTETS && System.nanoTime() < until) {
                int n = input.read(sink);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            log.trace("{}: linger ended: {}", this, e.toString());
        }
        close(CloseReason.BROKEN);
    }

    /** Answers a CRLF CRLF ping with CRLF (RFC 5626 4.4.1). */
    void pong(Duration timeout) {
        write(CRLF, timeout);
    }

    /**
     * Writes octets, one writer at a time.
     *
     * @param bytes the octets
     * @param timeout how long to wait for another writer to finish
     * @throws TransportException when the connection is closed or the write fails
     */
    void write(byte[] bytes, Duration timeout) {
        try {
            if (!writeLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TransportException(this + ": another write has been blocked for " + timeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(this + ": interrupted waiting to write", e);
        }
        try {
            if (!isOpen()) {
                throw new TransportException(this + ": connection is closed", null);
            }
            writeStarted = stamp();
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            lastActivity = stamp();
        } catch (IOException e) {
            close(CloseReason.ERROR);
            throw new TransportException(this + ": write failed", e);
        } finally {
            writeStarted = 0;
            writeLock.unlock();
        }
    }

    /** @return the local address of the connection */
    InetSocketAddress local() {
        return local;
    }

    /**
     * @param now the current {@link #stamp()}
     * @param idle the idle timeout in nanoseconds
     * @param deadline the message deadline in nanoseconds
     * @param writeTimeout the write timeout in nanoseconds
     * @return why it should be closed now, or {@code null}
     */
    CloseReason overdue(long now, long idle, long deadline, long writeTimeout) {
        long ws = writeStarted;
        if (ws != 0) {
            return now - ws > writeTimeout ? CloseReason.WRITE_STALL : null;
        }
        long aw = awaitingSince;
        if (aw != 0 && now - aw > deadline) {
            return CloseReason.DEADLINE;
        }
        return now - lastActivity > idle ? CloseReason.IDLE : null;
    }

    /**
     * Closes the connection once; later calls do nothing. A blocked reader or writer wakes up
     * with an error.
     *
     * @param why the reason, for counters and logs
     */
    void close(CloseReason why) {
        if (!closed.compareAndSet(null, why)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: close failed: {}", this, e.toString());
        }
        log.debug("{}: closed ({})", this, why);
        onClose.accept(this, why);
    }

    /** @return {@link System#nanoTime()}, never 0 (0 means "not set" in the fields above) */
    static long stamp() {
        return System.nanoTime() | 1L;
    }
}
