package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.message.SipResponse;
import java.util.List;
import java.util.Set;

/**
 * The seed's Quick start: send an OPTIONS to ping a SIP server and print the response status.
 * The seed connects to a drachtio server first; here the App has its own SIP stack, so it only
 * has to listen (on an ephemeral port) before it sends. {@code options()} blocks until the final
 * response: received, or a 408 made by the stack when nobody answers within 64*T1.
 *
 * <pre>{@code drachtio example options-ping sip:1234@127.0.0.1:5060}</pre>
 */
public final class OptionsPing implements Example {
    /** The seed's target. */
    static final String SEED_TARGET = "sip:1234@192.168.173.139";

    @Override
    public String name() {
        return "options-ping";
    }

    @Override
    public String summary() {
        return "send an OPTIONS and print the response status (the seed's Quick start)";
    }

    @Override
    public String arguments() {
        return "[URI]   (default " + SEED_TARGET + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        String target = ExampleArgs.parse(args, Set.of()).target(SEED_TARGET);
        try (App app = Drachtio.app(console.stack())) {
            console.client(app, target);

            SipResponse res = app.uac().options(target);
            console.out().println("response status was " + res.status());
            return res.success() ? OK : FAILED;
        }
    }

    /** @param args {@code [URI]} */
    public static void main(String[] args) {
        Examples.launch(new OptionsPing(), args);
    }
}
