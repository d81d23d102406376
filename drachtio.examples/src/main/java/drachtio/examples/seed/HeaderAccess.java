package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * The seed's "SIP Header Parsing": headers of an incoming request come parsed, so the From tag
 * and the caller's user part are one call away. A From URI is a {@link SipUri}, a {@link TelUri}
 * or another {@link AbsoluteUri}; a {@code switch} over the sealed type reads each. The seed
 * leaves the INVITE unanswered; here it is declined with 603, since the example only reads it.
 *
 * <pre>{@code drachtio example headers --listen udp:127.0.0.1:5060}</pre>
 */
public final class HeaderAccess implements Example {

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public String summary() {
        return "print the From tag and calling user of each INVITE, then decline it";
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
            app.invite((req, res) -> {
                out.println("remote tag on the incoming INVITE is " + req.from().tag().orElse("(none)"));
                String user = switch (req.from().uri()) {
                    case SipUri sip -> sip.user();
                    case TelUri tel -> tel.number();
                    case AbsoluteUri other -> other.specific();
                };
                out.println("calling party number on the incoming INVITE is " + user);
                res.send(603);
            });
            console.serve(app, listen);
        }
        return OK;
    }

    /** @param args {@code [--listen TRANSPORT:HOST:PORT]...} */
    public static void main(String[] args) {
        Examples.launch(new HeaderAccess(), args);
    }
}
