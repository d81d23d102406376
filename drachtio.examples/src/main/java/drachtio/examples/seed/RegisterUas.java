package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The seed's first UAS: answer every REGISTER with 200 after printing the registration interval
 * it asks for, the Contact's {@code expires} parameter, else the Expires header. Headers come
 * parsed: {@code req.contacts()} and {@code req.expires()} are typed. Like the seed, this keeps
 * no bindings; {@code drachtio serve} is a registrar that does.
 *
 * <pre>{@code drachtio example register --listen udp:127.0.0.1:5060}</pre>
 */
public final class RegisterUas implements Example {

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String summary() {
        return "answer REGISTER with 200, printing the interval it asks for";
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
            app.register((req, res) -> {
                OptionalInt fromContact = req.contacts().isEmpty() ? OptionalInt.empty() : req.contacts().getFirst().expires();
                int expires = fromContact.orElse(req.expires().orElse(3600));   // 3600: our default interval
                out.println("got a REGISTER request asking for a registration interval of " + expires + " seconds");
                res.send(200);
            });
            console.serve(app, listen);
        }
        return OK;
    }

    /** @param args {@code [--listen TRANSPORT:HOST:PORT]...} */
    public static void main(String[] args) {
        Examples.launch(new RegisterUas(), args);
    }
}
