/**
 * The App implementation: the express-style chain over a {@link drachtio.api.spi.SipStack},
 * the request and response views handlers get, and the blocking UAC.
 */
package drachtio.middleware.internal.app;
