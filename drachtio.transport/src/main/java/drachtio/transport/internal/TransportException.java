package drachtio.transport.internal;

/** A message could not be sent: no route, connection refused or reset, socket closed. */
public class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the peer
     * @param cause the I/O error, or {@code null}
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
