/**
 * Ways onto the SIP network. The embedded stack: UDP and TCP transports on java.nio with
 * virtual threads, and the RFC 3261 transaction layer. Later: the drachtio wire-protocol
 * client.
 */
module drachtio.transport {
    requires transitive drachtio.api;
    requires transitive drachtio.parser; // TransportConfig carries ParserLimits
    requires org.slf4j;

    exports drachtio.transport;

    provides drachtio.api.spi.SipStackProvider with drachtio.transport.internal.stack.EmbeddedStackProvider;
}
