/** {@code drachtio serve}: a small SIP server on the embedded stack, and its registrar store. */
package drachtio.examples.serve;
