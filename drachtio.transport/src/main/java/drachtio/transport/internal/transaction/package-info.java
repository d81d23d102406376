/**
 * The RFC 3261 section 17 transaction layer of the embedded stack, with the RFC 6026
 * Accepted states: the four transaction state machines, the {@link
 * drachtio.transport.internal.transaction.TransactionLayer} that matches messages to them
 * (17.1.3, 17.2.3), and the two core rules just above them that keep a 2xx alive over lossy
 * transports (RFC 3261 13.3.1.4 and 13.2.2.4). Pure logic: the network is a
 * {@link drachtio.transport.internal.TransportSender}, time a
 * {@link drachtio.transport.internal.TimerService}.
 */
package drachtio.transport.internal.transaction;
