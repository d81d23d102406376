package drachtio.transport.internal;

/**
 * Lets the layer above turn requests that start something new (no To tag, not ACK or CANCEL)
 * away where it is cheapest: a UDP datagram is judged from its raw lines before it is parsed,
 * a TCP message once framed, and either gets 503 with Retry-After without reaching the
 * transaction layer. Called on reader threads: both methods must be quick.
 */
public interface NewRequestGate {

    /** Lets everything in. */
    NewRequestGate OPEN = new NewRequestGate() {
        @Override
        public boolean letsAllIn() {
            return true;
        }

        @Override
        public boolean admit() {
            return true;
        }
    };

    /** @return whether every new request is let in now, so there is nothing to look at */
    boolean letsAllIn();

    /** @return whether this new request may go on; false turns it away */
    boolean admit();
}
