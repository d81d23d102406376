/**
 * The embedded SIP stack's inner contracts: the transport sender and inbound handler between
 * the network and the transaction layer, hops, and the timer service. Not exported.
 */
package drachtio.transport.internal;
