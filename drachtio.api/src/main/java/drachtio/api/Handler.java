package drachtio.api;

/**
 * A route: the code that answers one kind of request ({@code app.invite(...)},
 * {@code app.register(...)}, ...). It runs on the request's own virtual thread and may block.
 *
 * <p>It may return once it has sent a final response. Returning without one is treated as a
 * bug in the route: the App answers 500 and logs it with the Call-ID.
 */
@FunctionalInterface
public interface Handler {

    /**
     * @param req the request
     * @param res where the responses go
     * @throws Exception anything; it reaches the error middleware registered after the route,
     *     else the App answers 500
     */
    void handle(Request req, Response res) throws Exception;
}
