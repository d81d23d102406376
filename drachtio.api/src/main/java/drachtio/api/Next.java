package drachtio.api;

/** What a {@link Middleware} calls to pass the request on. Call it at most once. */
public interface Next {

    /**
     * Runs the rest of the chain (later middleware and routes, and error middleware for what
     * they throw) and returns when it is done. Never throws what later handlers threw: that is
     * handled further down the chain.
     *
     * @throws IllegalStateException when already called
     */
    void proceed();

    /**
     * Passes an error on to the next error middleware that handles its class, as if this
     * middleware had thrown it, and returns when the chain is done.
     *
     * @param error the error
     * @throws IllegalStateException when already called
     */
    void fail(Throwable error);
}
