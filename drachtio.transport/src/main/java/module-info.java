/**
 * Ways onto the SIP network. The embedded stack: UDP and TCP transports on java.nio with
 * virtual threads, and the RFC 3261 transaction layer. Later: the drachtio wire-protocol
 * client.
 */
module drachtio.transport {
    requires transitive drachtio.api;
    requires drachtio.parser;
    requires org.slf4j;

    exports drachtio.transport;
}
