package drachtio.api;

/**
 * Express-style middleware: sees a request before the routes registered after it, and either
 * passes it on with {@link Next#proceed()} or answers it itself. Runs on the request's own
 * virtual thread and may block.
 *
 * <p>A middleware that does not call {@code next.proceed()} must send a final response before
 * it returns (the App answers 500 and logs otherwise). {@code proceed()} returns once the rest
 * of the chain has run, so code after it sees what the routes did ({@link Response#status()}).
 */
@FunctionalInterface
public interface Middleware {

    /**
     * @param req the request
     * @param res where the responses go
     * @param next passes the request on
     * @throws Exception anything; it reaches the next matching error middleware
     */
    void handle(Request req, Response res, Next next) throws Exception;
}
