package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import java.util.List;
import java.util.Set;

/**
 * The seed's "adding SIP headers": the OPTIONS ping with {@code User-Agent}, {@code Server} and a
 * custom {@code X-My-Special-thingy} header. Headers go in {@link Parts}, in the case written.
 *
 * <pre>{@code drachtio example options-headers sip:1234@127.0.0.1:5060}</pre>
 */
public final class OptionsWithHeaders implements Example {

    @Override
    public String name() {
        return "options-headers";
    }

    @Override
    public String summary() {
        return "send an OPTIONS with User-Agent, Server and a custom X- header";
    }

    @Override
    public String arguments() {
        return "[URI]   (default " + OptionsPing.SEED_TARGET + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        String target = ExampleArgs.parse(args, Set.of()).target(OptionsPing.SEED_TARGET);
        try (App app = Drachtio.app(console.stack())) {
            console.client(app, target);

            SipResponse res = app.uac().options(target, Parts
                    .header("User-Agent", "Drachtio rocksz")
                    .with("Server", "drachtio 0.1")
                    .with("X-My-Special-thingy", "isnt my custom header shiny pretty?"));
            console.out().println("response status was " + res.status());
            return res.success() ? OK : FAILED;
        }
    }

    /** @param args {@code [URI]} */
    public static void main(String[] args) {
        Examples.launch(new OptionsWithHeaders(), args);
    }
}
