/**
 * The App: the express-style router and chain over a SIP stack, the blocking UAC, and the
 * bundled middleware (digest authentication, registration parsing), each usable directly with
 * a typed builder from {@code drachtio.middleware} or by name through
 * {@link drachtio.api.spi.MiddlewareProvider}.
 */
module drachtio.middleware {
    requires transitive drachtio.api;
    requires drachtio.parser; // URIs and header values given as text by the app
    requires drachtio.dialog;
    requires org.slf4j;

    exports drachtio.middleware;

    uses drachtio.api.spi.MiddlewareProvider;

    provides drachtio.api.spi.AppProvider with drachtio.middleware.internal.app.ExpressAppProvider;
    provides drachtio.api.spi.MiddlewareProvider with
            drachtio.middleware.internal.auth.DigestAuthProvider,
            drachtio.middleware.internal.registration.RegistrationProvider;
}
