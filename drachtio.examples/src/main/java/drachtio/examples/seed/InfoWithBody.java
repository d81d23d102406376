package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import java.util.List;
import java.util.Set;

/**
 * The seed's INFO with a body of type {@code application/text}. As in the seed, Content-Length
 * is computed for you; the body's type is given with the body itself.
 *
 * <pre>{@code drachtio example info-body --body 'hello' sip:1234@127.0.0.1:5060}</pre>
 */
public final class InfoWithBody implements Example {
    /** The body sent when {@code --body} is not given. */
    static final String DEFAULT_BODY = "hello from drachtio for Java";

    @Override
    public String name() {
        return "info-body";
    }

    @Override
    public String summary() {
        return "send an INFO with an application/text body";
    }

    @Override
    public String arguments() {
        return "[--body TEXT] [URI]   (default " + OptionsPing.SEED_TARGET + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        ExampleArgs a = ExampleArgs.parse(args, Set.of("--body"));
        String target = a.target(OptionsPing.SEED_TARGET);
        String myBody = a.text("--body", DEFAULT_BODY);
        try (App app = Drachtio.app(console.stack())) {
            console.client(app, target);

            SipResponse res = app.uac().info(target, Parts.body("application/text", myBody));
            console.out().println("response status was " + res.status());
            return res.success() ? OK : FAILED;
        }
    }

    /** @param args {@code [--body TEXT] [URI]} */
    public static void main(String[] args) {
        Examples.launch(new InfoWithBody(), args);
    }
}
