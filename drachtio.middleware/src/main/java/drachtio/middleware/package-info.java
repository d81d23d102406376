/**
 * The bundled middleware, each built with a typed builder and installed with
 * {@code app.use(...)}: digest authentication and registration parsing. The App itself is
 * reached through {@link drachtio.api.Drachtio#app()}.
 */
package drachtio.middleware;
