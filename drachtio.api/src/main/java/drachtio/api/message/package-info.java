/**
 * Immutable SIP messages ({@link drachtio.api.message.SipRequest},
 * {@link drachtio.api.message.SipResponse}), their ordered header fields, header names and the
 * builders for outgoing messages.
 */
package drachtio.api.message;
