/**
 * Parsing SIP: {@link drachtio.parser.SipParser} turns datagrams and TCP streams into
 * messages, {@link drachtio.parser.Grammars} parses single values (URIs, addresses, Via, ...),
 * and {@link drachtio.parser.SipValidator} applies the RFC 3261 rules above syntax.
 */
package drachtio.parser;
