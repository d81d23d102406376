package drachtio.middleware.internal.app;

import drachtio.api.ErrorMiddleware;
import drachtio.api.Handler;
import drachtio.api.Middleware;
import drachtio.api.message.Method;

/** One entry of the chain, in registration order. */
sealed interface Layer {

    /** @return the method the layer runs for, {@code null} for all */
    Method method();

    /**
     * @param m a request's method
     * @return whether the layer applies to it
     */
    default boolean matches(Method m) {
        return method() == null || method().equals(m);
    }

    /** Ordinary middleware. */
    record Use(Method method, Middleware middleware) implements Layer {
    }

    /** A route: answers, never passes on. */
    record Route(Method method, Handler handler) implements Layer {
    }

    /** Error middleware for one exception class (and its subclasses). */
    record OnError(Method method, Class<? extends Throwable> type, ErrorMiddleware<Throwable> handler) implements Layer {
    }
}
