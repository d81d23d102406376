/**
 * The embedded stack's network layer (RFC 3261 18): UDP and TCP listeners on java.nio, one
 * reader thread per UDP socket, one virtual thread per TCP connection, received/rport
 * stamping (RFC 3581), response routing (18.2.2), keep-alive answers (RFC 5626) and the
 * bounds that keep bad peers from hurting good ones. Entry point: {@link
 * drachtio.transport.internal.net.NetworkTransport}.
 */
package drachtio.transport.internal.net;
