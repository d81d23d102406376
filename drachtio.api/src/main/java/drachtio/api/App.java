package drachtio.api;

import drachtio.api.message.Method;
import java.util.List;
import java.util.Map;

/**
 * A SIP application in the express style: middleware and routes in registration order, on
 * an embedded SIP stack. Create one with {@link Drachtio#app()}.
 *
 * <pre>{@code
 * App app = Drachtio.app();
 * app.use(Method.REGISTER, DigestAuth.builder().realm("dracht.io").passwords((realm, user) -> ...).build());
 * app.register((req, res) -> res.send(200));
 * app.listen(Listen.udp("127.0.0.1", 5060));
 * }</pre>
 *
 * <p><b>How a request travels.</b> Each new request runs on a virtual thread of its own. The
 * chain holds, in the order registered: middleware ({@link #use(Middleware)}), routes
 * ({@link #route}) and error middleware ({@link #error}). An ordinary layer runs when no error
 * is pending and its method matches; it answers or calls {@link Next#proceed()}. When a layer
 * throws, the next error middleware whose class matches runs. <b>Defaults</b>: when the chain
 * ends with no final response sent, a method with no route gets 405 with an {@code Allow}
 * header listing the routed methods (501 when the method is not one the App knows: no route
 * and not a standard method), a method with a route that passed on gets 500, and an error no
 * error middleware handled gets 500 (logged with the Call-ID); a malformed header a handler
 * read gets 400. A BYE no dialog or route takes gets 481, as does a SUBSCRIBE, NOTIFY or REFER
 * with a To tag that no route takes. Before the chain, a request whose Request-URI is not a
 * sip, sips or tel URI gets 416, and one that requires an extension not declared with
 * {@link #supports} gets 420. ACK and CANCEL are handled below the app.
 *
 * <p>Middleware and routes may be added at any time; a request in flight keeps the chain it
 * started with. All methods are safe to call from any thread.
 */
public interface App extends AutoCloseable {

    /**
     * @param middleware runs for every request
     * @return this app
     */
    App use(Middleware middleware);

    /**
     * @param method the method it runs for
     * @param middleware runs for requests of that method
     * @return this app
     */
    App use(Method method, Middleware middleware);

    /**
     * Installs a middleware found with {@link java.util.ServiceLoader} by its provider's name
     * (see {@link drachtio.api.spi.MiddlewareProvider}).
     *
     * @param name the provider's name, e.g. {@code registration}
     * @param config the provider's settings (documented by each provider)
     * @return this app
     * @throws IllegalArgumentException when no provider has the name or the config is refused
     */
    App use(String name, Map<String, String> config);

    /**
     * @param type the exception class handled (subclasses too)
     * @param handler the error middleware
     * @param <E> the exception type
     * @return this app
     */
    <E extends Throwable> App error(Class<E> type, ErrorMiddleware<E> handler);

    /**
     * Declares option tags (RFC 3261 19.2) that the application implements, such as
     * {@code timer} or {@code 100rel}. A request whose Require header names a tag not declared
     * is answered 420 (Bad Extension), with those tags in Unsupported, before any middleware or
     * dialog handler runs (RFC 3261 8.2.2.3); ACK and CANCEL never are. None are declared at
     * first: the library itself implements no extension a Require could ask for.
     *
     * @param optionTags the tags, each a token
     * @return this app
     * @throws IllegalArgumentException when a tag is not a token
     */
    App supports(String... optionTags);

    /**
     * A route for any method, including extension methods ({@code Method.of("FOO")}).
     *
     * @param method the method
     * @param handler answers it
     * @return this app
     */
    App route(Method method, Handler handler);

    /** @param handler answers INVITE @return this app */
    default App invite(Handler handler) {
        return route(Method.INVITE, handler);
    }

    /** @param handler answers REGISTER @return this app */
    default App register(Handler handler) {
        return route(Method.REGISTER, handler);
    }

    /** @param handler answers OPTIONS @return this app */
    default App options(Handler handler) {
        return route(Method.OPTIONS, handler);
    }

    /** @param handler answers INFO @return this app */
    default App info(Handler handler) {
        return route(Method.INFO, handler);
    }

    /** @param handler answers MESSAGE @return this app */
    default App message(Handler handler) {
        return route(Method.MESSAGE, handler);
    }

    /** @param handler answers NOTIFY @return this app */
    default App notify(Handler handler) {
        return route(Method.NOTIFY, handler);
    }

    /** @param handler answers SUBSCRIBE @return this app */
    default App subscribe(Handler handler) {
        return route(Method.SUBSCRIBE, handler);
    }

    /** @param handler answers PUBLISH @return this app */
    default App publish(Handler handler) {
        return route(Method.PUBLISH, handler);
    }

    /** @param handler answers REFER @return this app */
    default App refer(Handler handler) {
        return route(Method.REFER, handler);
    }

    /** @param handler answers UPDATE @return this app */
    default App update(Handler handler) {
        return route(Method.UPDATE, handler);
    }

    /** @param handler answers PRACK @return this app */
    default App prack(Handler handler) {
        return route(Method.PRACK, handler);
    }

    /** @param handler answers BYE @return this app */
    default App bye(Handler handler) {
        return route(Method.BYE, handler);
    }

    /**
     * Starts the SIP stack on these addresses (port 0 = ephemeral). Call once.
     *
     * @param addresses where to listen
     * @return the addresses bound, ephemeral ports resolved
     * @throws IllegalStateException when already listening or closed
     * @throws java.io.UncheckedIOException when an address cannot be bound
     */
    List<Listen> listen(Listen... addresses);

    /** @return the addresses bound, empty before {@link #listen} */
    List<Listen> listening();

    /**
     * @return the client side: sends requests and returns their final responses
     * @throws IllegalStateException before {@link #listen} (listen on port 0 for a client-only app)
     */
    Uac uac();

    /** @return the live dialogs: find one by ID, count them */
    Dialogs dialogs();

    /**
     * Stops taking new requests, ends every live dialog with BYE
     * ({@link DialogEnd.Reason#APP_CLOSED}) and closes the stack once the
     * transactions in flight finish, within the configured grace period. Idempotent.
     */
    @Override
    void close();
}
