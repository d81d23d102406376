package drachtio.examples.cli;

import drachtio.api.App;
import drachtio.api.Parts;
import drachtio.api.message.SipResponse;
import java.io.PrintStream;
import java.util.List;

/** {@code drachtio register URI --user NAME:PASSWORD}: registers and prints the response. */
final class RegisterCommand implements Command {

    @Override
    public String name() {
        return "register";
    }

    @Override
    public String summary() {
        return "register an address of record (with digest auth) and print the response";
    }

    @Override
    public String usage() {
        return "usage: drachtio register [OPTIONS] AOR\n\n"
                + "Sends a REGISTER for the address of record (e.g. sip:alice@127.0.0.1:5060) to its domain,\n"
                + "answers a digest challenge once with --user, and prints the final response.\n"
                + "Exit status 0 on 2xx, 1 otherwise.\n\n"
                + "options:\n" + UacSupport.COMMON_USAGE
                + "  --expires SECONDS            the registration interval (default 3600; 0 unregisters)\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        UacSupport.Options o = UacSupport.parse(args, List.of("--expires"));
        Parts parts = UacSupport.parts(o);
        if (!o.rest().isEmpty()) {
            parts = parts.with("Expires", UacSupport.seconds(o.rest().get(1), "--expires"));
        }
        try (App app = UacSupport.start(o)) {
            SipResponse r = UacSupport.uac(app, o).register(UacSupport.target(o), parts);
            return UacSupport.print(r, out);
        } catch (RuntimeException e) {
            // a port that cannot bind, a header that does not parse, a URI the stack cannot use:
            // one line, never a stack trace
            err.println("drachtio register: " + e.getMessage());
            return FAILED;
        }
    }
}
