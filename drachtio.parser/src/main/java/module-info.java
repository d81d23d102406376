/**
 * The SIP grammar: octets to messages (datagram and stream framing), header values to typed
 * records, and the RFC 3261 validation above syntax. Provides the built-in header parsers.
 */
module drachtio.parser {
    requires transitive drachtio.api;
    requires org.slf4j;

    exports drachtio.parser;

    provides drachtio.api.spi.HeaderParserProvider with drachtio.parser.internal.BuiltinHeaderParsers;
}
