package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.message.Method;
import drachtio.middleware.AuthenticatedUser;
import drachtio.middleware.DigestAuth;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The seed's middleware example: digest authentication in front of the REGISTER route, realm
 * {@code dracht.io}, every user's password {@code foobar}. A REGISTER without valid credentials
 * gets a 401 challenge from the middleware and never reaches the route; one that checks out
 * arrives with an {@link AuthenticatedUser} attached.
 *
 * <p>The challenge offers MD5 only, as the seed's middleware did: many phones (and sipp) answer
 * nothing else. Leave {@code algorithms} out to offer SHA-256 first (RFC 8760).
 *
 * <pre>{@code drachtio example register-auth --listen udp:127.0.0.1:5060}</pre>
 */
public final class RegisterWithDigest implements Example {

    @Override
    public String name() {
        return "register-auth";
    }

    @Override
    public String summary() {
        return "REGISTER behind digest auth (realm dracht.io, password foobar)";
    }

    @Override
    public String arguments() {
        return "[--listen TRANSPORT:HOST:PORT]...   (default " + ExampleArgs.DEFAULT_LISTEN + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        var listen = ExampleArgs.parse(args, Set.of("--listen")).listen();
        PrintStream out = console.out();
        try (App app = Drachtio.app(console.stack())) {
            app.use(Method.REGISTER, DigestAuth.builder()
                    .realm("dracht.io")
                    .algorithms(List.of("MD5"))
                    // here every user's password is 'foobar'; real-world we'd hit a database or something
                    .passwords((realm, user) -> Optional.of("foobar"))
                    .build());

            app.register((req, res) -> {
                String user = req.attribute(AuthenticatedUser.class).orElseThrow().user();
                OptionalInt fromContact = req.contacts().isEmpty() ? OptionalInt.empty() : req.contacts().getFirst().expires();
                int expires = fromContact.orElse(req.expires().orElse(3600));
                out.println("got a register request from an authenticated user (" + user + ") with expires seconds " + expires);
                res.send(200);
            });
            console.serve(app, listen);
        }
        return OK;
    }

    /** @param args {@code [--listen TRANSPORT:HOST:PORT]...} */
    public static void main(String[] args) {
        Examples.launch(new RegisterWithDigest(), args);
    }
}
