package drachtio.parser;

/**
 * A message that parses but breaks an RFC 3261 rule.
 *
 * @param status the response a server should send: 400, 505, ...
 * @param reason a short, safe reason phrase
 * @param offset where in the message, or -1
 */
public record Violation(int status, String reason, int offset) {
}
