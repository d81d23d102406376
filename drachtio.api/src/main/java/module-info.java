/**
 * The public face of drachtio for Java: the immutable SIP message model, typed header values
 * and the service-provider interfaces that implementation modules fill in.
 *
 * <p>This module has no compile-time dependency on any implementation. Header parsers, SIP stacks
 * and the App implementation are found at run time with {@link java.util.ServiceLoader}.
 */
module drachtio.api {
    requires org.slf4j;

    exports drachtio.api;
    exports drachtio.api.message;
    exports drachtio.api.header;
    exports drachtio.api.spi;

    uses drachtio.api.spi.HeaderParserProvider;
    uses drachtio.api.spi.SipStackProvider;
    uses drachtio.api.spi.AppProvider;
}
