/**
 * TEST FIXTURE, not shipped: third-party providers written as an ordinary JPMS module, the
 * way an outside project would. A header-parser provider adds typed parsers for
 * P-Asserted-Identity (RFC 3325) and Session-Expires (RFC 4028); two middleware providers add
 * {@code stamp} and the global {@code audit}. It depends on drachtio.api only, never on an
 * implementation module.
 *
 * <p>Each provider is declared twice on purpose: with {@code provides} below (used when this
 * module is on the module path) and in {@code META-INF/services} (used when it is on the class
 * path, where this descriptor is ignored).
 */
module drachtio.spitests.fixture {
    requires drachtio.api;

    exports drachtio.spitests.fixture;

    // MiddlewareMain loads middleware providers itself, as an App would
    uses drachtio.api.spi.MiddlewareProvider;

    provides drachtio.api.spi.HeaderParserProvider with drachtio.spitests.fixture.internal.ExampleIdentityProvider;
    provides drachtio.api.spi.MiddlewareProvider with
            drachtio.spitests.fixture.internal.StampProvider,
            drachtio.spitests.fixture.internal.AuditProvider;
}
