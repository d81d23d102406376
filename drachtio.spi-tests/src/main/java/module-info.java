/**
 * TEST FIXTURE, not shipped: a third-party header-parser provider written as an ordinary JPMS
 * module, the way an outside project would. It adds typed parsers for P-Asserted-Identity
 * (RFC 3325) and Session-Expires (RFC 4028) and depends on the drachtio.api SPI only, never on
 * drachtio.parser.
 *
 * <p>The provider is declared twice on purpose: with {@code provides} below (used when this
 * module is on the module path) and in {@code META-INF/services} (used when it is on the class
 * path, where this descriptor is ignored).
 */
module drachtio.spitests.fixture {
    requires drachtio.api;

    exports drachtio.spitests.fixture;

    provides drachtio.api.spi.HeaderParserProvider with drachtio.spitests.fixture.internal.ExampleIdentityProvider;
}
