/**
 * The dialog layer's implementation: the state machine, the registry, in-dialog requests out
 * and in, the UAS wait for ACK and the UAC's pending INVITE.
 */
package drachtio.dialog.internal;
