/**
 * SIP digest authentication (RFC 3261 22, RFC 2617, RFC 7616, RFC 8760): the hash arithmetic
 * ({@link drachtio.middleware.internal.auth.Digest}), server-made nonces, the server-side
 * middleware behind {@link drachtio.middleware.DigestAuth}, its
 * {@link drachtio.api.spi.MiddlewareProvider} ({@code digest-auth}) and the client side the UAC
 * answers challenges with ({@link drachtio.middleware.internal.auth.ClientDigest}).
 */
package drachtio.middleware.internal.auth;
