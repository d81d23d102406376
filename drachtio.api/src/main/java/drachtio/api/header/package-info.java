/**
 * Typed SIP header values as immutable records: URIs, addresses, Via, CSeq, Contact,
 * Content-Type, authentication challenges and credentials, multipart bodies. Each value's
 * {@code toString()} is its wire form.
 */
package drachtio.api.header;
