/** The parser's implementation: hand-written scanners over octets and characters. Not exported. */
package drachtio.parser.internal;
