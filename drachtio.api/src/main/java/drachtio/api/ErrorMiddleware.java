package drachtio.api;

/**
 * Error middleware, typed by the exception class it handles: registered with
 * {@link App#error(Class, ErrorMiddleware)}, it runs when a middleware or route registered
 * before it threw an instance of that class (or called {@link Next#fail(Throwable)} with one).
 * It answers the request, or passes on with {@link Next#proceed()} (back to ordinary
 * middleware) or {@link Next#fail(Throwable)} (on to later error middleware).
 *
 * @param <E> the exception type handled
 */
@FunctionalInterface
public interface ErrorMiddleware<E extends Throwable> {

    /**
     * @param error what was thrown
     * @param req the request
     * @param res where the responses go
     * @param next passes on
     * @throws Exception anything; it reaches later error middleware
     */
    void handle(E error, Request req, Response res, Next next) throws Exception;
}
