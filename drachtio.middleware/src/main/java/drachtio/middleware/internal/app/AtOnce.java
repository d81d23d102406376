package drachtio.middleware.internal.app;

import drachtio.api.Request;
import drachtio.api.Response;

/**
 * A bundled middleware that can sometimes answer a request on the thread that read it, before
 * the request gets a virtual thread of its own (see
 * {@link drachtio.api.spi.StackHandler#answerAtOnce}). The App asks it only when it is the
 * first layer of the chain for the request's method, so nothing registered before it is
 * skipped. The digest middleware uses it to challenge requests that carry no credentials:
 * half of all REGISTERs, each one a virtual thread and a carrier wake-up saved.
 */
public interface AtOnce {

    /**
     * Answers the request if that needs neither blocking nor application code. Returning
     * {@code false} must leave no trace: the request then runs through the whole chain, this
     * middleware included, on its own virtual thread.
     *
     * @param req the request
     * @param res where the final response goes
     * @return whether a final response was sent
     */
    boolean answerAtOnce(Request req, Response res);
}
