package drachtio.middleware.internal.auth;

import drachtio.api.Request;
import java.util.Objects;
import java.util.function.Function;

/**
 * The realm function of a realm given as text: the same realm for every request. The digest
 * middleware recognises it and may then challenge on the reader thread, since no application
 * code is needed to know the realm.
 *
 * @param realm the realm of every challenge
 */
public record FixedRealm(String realm) implements Function<Request, String> {

    /** Checks the realm. */
    public FixedRealm {
        Objects.requireNonNull(realm, "realm");
    }

    @Override
    public String apply(Request req) {
        return realm;
    }
}
