/**
 * The embedded {@link drachtio.api.spi.SipStack}: network transports and the transaction layer
 * wired together, application code dispatched to virtual threads with a bound. Not exported.
 */
package drachtio.transport.internal.stack;
