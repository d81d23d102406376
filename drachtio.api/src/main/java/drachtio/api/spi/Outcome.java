package drachtio.api.spi;

/** How a client transaction ended: with a response from the network, or with one the stack made. */
public enum Outcome {
    /** The final response came from the peer. */
    RECEIVED,
    /** No final response within 64*T1: the stack made a 408 Request Timeout (RFC 3261 8.1.3.1). */
    TIMEOUT,
    /** The request could not be sent or the connection failed: the stack made a 503 (RFC 3261 8.1.3.1). */
    TRANSPORT_ERROR
}
