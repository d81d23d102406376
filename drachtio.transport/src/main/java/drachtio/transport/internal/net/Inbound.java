package drachtio.transport.internal.net;

import drachtio.transport.internal.Addresses;
import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.AsciiChars;
import drachtio.parser.Grammars;
import drachtio.parser.SipParser;
import drachtio.parser.SipValidator;
import drachtio.parser.Violation;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.ResponseRouting;
import drachtio.transport.internal.InboundHandler;
import drachtio.transport.internal.NewRequestGate;
import drachtio.transport.internal.TransportException;
import drachtio.transport.internal.net.NetCounters.Drop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to every received message, whatever the transport (RFC 3261 18.2.1, 18.1.2):
 * parse, validate, stamp {@code received}/{@code rport} on requests, check the sent-by of
 * responses, pass up. Bad requests get an error response when one can be formed; bad
 * responses are dropped. Every failure is caught here, logged with the peer and counted, so it
 * never reaches a reader loop or another message.
 */
final class Inbound {
    private static final Logger log = LoggerFactory.getLogger(Inbound.class);

    private final SipParser parser;
    private final SipParser reparser;
    private final InboundHandler handler;
    private final NetCounters counters;
    private final Predicate<Via> ours;
    private final ErrorSender errors;
    /** Sends octets as they are, for the 503 of a shed request. */
    private final BiConsumer<byte[], Hop> bytes;
    private final Duration writeTimeout;
    private final NewRequestGate gate;
    private final int retryAfterSeconds;

    /** Sends an error response for a datagram's request. */
    @FunctionalInterface
    interface ErrorSender {
        /**
         * @param response the response
         * @param to where, routed per RFC 3261 18.2.2
         */
        void send(SipResponse response, Hop to);
    }

    Inbound(SipParser parser, SipParser reparser, InboundHandler handler, NetCounters counters, Predicate<Via> ours,
            ErrorSender errors, BiConsumer<byte[], Hop> bytes, Duration writeTimeout, NewRequestGate gate,
            int retryAfterSeconds) {
        this.bytes = bytes;
        this.gate = gate;
        this.retryAfterSeconds = retryAfterSeconds;
        this.parser = parser;
        this.reparser = reparser;
        this.handler = handler;
        this.counters = counters;
        this.ours = ours;
        this.errors = errors;
        this.writeTimeout = writeTimeout;
    }

    /**
     * @param b the datagram's octets (the reader's buffer: copied)
     * @param n how many
     * @param source where it came from
     * @param local the listener it arrived on
     */
    void datagram(byte[] b, int n, InetSocketAddress source, InetSocketAddress local) {
        datagram(b, n, false, source, local);
    }

    /**
     * @param b the datagram's octets from index 0, handed over: nothing else may change them
     * @param n how many
     * @param source where it came from
     * @param local the listener it arrived on
     */
    void ownedDatagram(byte[] b, int n, InetSocketAddress source, InetSocketAddress local) {
        datagram(b, n, true, source, local);
    }

    private void datagram(byte[] b, int n, boolean owned, InetSocketAddress source, InetSocketAddress local) {
        if (!gate.letsAllIn() && RawPeek.of(b, n).startsSomething() && !gate.admit()) {
            shed(b, n, source, local);
            return;
        }
        counters.datagram();
        Hop hop = new Hop("UDP", source, local);
        SipMessage m;
        try {
            m = owned ? parser.parseOwnedDatagram(b, n) : parser.parseDatagram(b, 0, n);
        } catch (SipParseException e) {
            counters.drop(Drop.UNPARSEABLE);
            log.debug("dropped datagram of {} octets from {}: {}", n, Addresses.text(source), e.getMessage());
            reply(b, 0, n, e.status(), e.reason(), hop, null);
            return;
        } catch (RuntimeException e) {
            counters.drop(Drop.UNPARSEABLE);
            log.warn("dropped datagram of {} octets from {}: parser failed", n, Addresses.text(source), e);
            return;
        }
        accept(m, hop, null);
    }

    /**
     * A datagram turned away unparsed because the stack is behind: a request gets 503 with
     * Retry-After, made from its raw lines ({@link RawReply}) and sent back to its source;
     * anything else (a response, an ACK) is only counted.
     *
     * @param b the datagram's octets
     * @param n how many
     * @param source where it came from
     * @param local the listener it arrived on
     */
    void shed(byte[] b, int n, InetSocketAddress source, InetSocketAddress local) {
        counters.datagram();
        counters.drop(Drop.OVERLOAD);
        byte[] busy = RawReply.busy(b, n, retryAfterSeconds);
        if (busy == null) {
            return;
        }
        try {
            bytes.accept(busy, shedHop(b, n, new Hop("UDP", source, local)));
            counters.errorResponse();
        } catch (RuntimeException e) {
            log.debug("could not answer a shed request from {}: {}", Addresses.text(source), e.toString());
        }
    }


    /**
     * Where the 503 for a shed datagram goes (RFC 3261 18.2.2, RFC 3581 4): the source address,
     * at the source port with {@code rport}, else at the sent-by port (5060 when none is given).
     * A {@code maddr} is not followed: a flood is when the stack must not send its answers to an
     * address the packets name. The source itself when the top Via cannot be read.
     */
    private static Hop shedHop(byte[] b, int n, Hop from) {
        int[] span = RawPeek.topVia(b, n);
        if (span == null) {
            return from;
        }
        Via via;
        try {
            via = Grammars.VIAS.parse(new AsciiChars(b, span[0], span[1] - span[0])).getFirst();
        } catch (SipParseException e) {
            return from;
        }
        InetSocketAddress source = from.remote();
        int port = via.hasRport() ? source.getPort() : via.port() >= 0 ? via.port() : ResponseRouting.SIP_PORT;
        return port == source.getPort() ? from
                : new Hop(from.transport(), new InetSocketAddress(source.getAddress(), port), from.local());
    }

    /**
     * @param m a message framed on the connection
     * @param c the connection
     */
    void streamMessage(SipMessage m, TcpConnection c) {
        counters.tcpMessage();
        if (!gate.letsAllIn() && m instanceof SipRequest r && startsSomething(r) && !gate.admit()) {
            counters.drop(Drop.OVERLOAD);
            try {
                SipResponse.Builder b = SipResponse.replyTo(r, 503).header("Retry-After", retryAfterSeconds);
                if (r.to().tag().isEmpty()) {
                    // RFC 3261 8.2.6.2: a To tag on every response but 100
                    b.setHeader("To", r.to().withTag(Salvage.tag()));
                }
                SipResponse busy = b.build();
                c.write(busy.toBytes(), writeTimeout);
                counters.errorResponse();
            } catch (RuntimeException e) {
                log.debug("{}: could not answer a shed request: {}", c, e.toString());
            }
            return;
        }
        accept(m, c.hop(), c);
    }

    /**
     * @param head the first octets of the message that broke framing
     * @param e what broke
     * @param c the connection, about to be closed
     */
    void streamBroken(PendingHead head, SipParseException e, TcpConnection c) {
        counters.drop(Drop.UNPARSEABLE);
        log.debug("{}: stream broke framing, closing: {}", c, e.getMessage());
        reply(head.bytes(), 0, head.length(), e.status(), e.reason(), c.hop(), c);
    }

    /**
     * @param c the connection a CRLF CRLF ping arrived on
     */
    void keepAlive(TcpConnection c) {
        try {
            c.pong(writeTimeout);
            counters.keepAlive();
        } catch (TransportException e) {
            log.debug("{}: keep-alive answer failed: {}", c, e.getMessage());
        }
    }

    private void accept(SipMessage m, Hop hop, TcpConnection c) {
        SipMessage up;
        try {
            Optional<Violation> v = SipValidator.check(m);
            if (v.isPresent()) {
                counters.drop(Drop.INVALID);
                log.debug("invalid {} from {}: {} {}", m instanceof SipRequest ? "request" : "response",
                        Addresses.text(hop.remote()), v.get().status(), v.get().reason());
                if (m instanceof SipRequest) {
                    byte[] bytes = m.toBytes();
                    reply(bytes, 0, bytes.length, v.get().status(), v.get().reason(), hop, c);
                }
                return;
            }
            up = switch (m) {
                case SipRequest r -> ViaStamp.stamp(r, hop.remote(), reparser);
                case SipResponse r -> ours.test(r.topVia()) ? r : null;
            };
        } catch (RuntimeException e) {
            counters.drop(Drop.INVALID);
            log.debug("dropped message from {}: {}", Addresses.text(hop.remote()), e.toString());
            return;
        }
        if (up == null) {
            counters.drop(Drop.NOT_OURS);
            log.debug("dropped response from {}: top Via is not ours", Addresses.text(hop.remote()));
            return;
        }
        try {
            handler.onMessage(up, hop);
        } catch (RuntimeException e) {
            counters.drop(Drop.HANDLER_ERROR);
            log.warn("inbound handler failed on a message from {}", Addresses.text(hop.remote()), e);
        }
    }

    /** @return whether a parsed request starts something: no To tag, not ACK or CANCEL, no credentials */
    private static boolean startsSomething(SipRequest r) {
        try {
            return !r.is(Method.ACK) && !r.is(Method.CANCEL) && r.to().tag().isEmpty()
                    && !r.headers().contains("Authorization") && !r.headers().contains("Proxy-Authorization");
        } catch (RuntimeException e) {
            return false; // a To that does not parse: the validator answers it
        }
    }

    private void reply(byte[] b, int off, int len, int status, String reason, Hop hop, TcpConnection c) {
        try {
            Optional<Salvage.ErrorReply> r = Salvage.reply(b, off, len, status, reason);
            if (r.isEmpty()) {
                return;
            }
            SipResponse response = r.get().response();
            if (c != null) {
                c.write(response.toBytes(), writeTimeout);
            } else {
                // routed as a response to the stamped request would be: to the source port
                // when the Via asks for rport (RFC 3581 4), not to its sent-by port
                errors.send(response, ResponseRouting.route(ViaStamp.stamped(r.get().topVia(), hop.remote()), hop));
            }
            counters.errorResponse();
            log.debug("answered bad request from {} with {}", Addresses.text(hop.remote()), response.statusLine());
        } catch (RuntimeException e) {
            log.debug("could not answer bad request from {}: {}", Addresses.text(hop.remote()), e.toString());
        }
    }
}
