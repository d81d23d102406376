package drachtio.examples.cli;

import drachtio.api.App;
import drachtio.api.message.SipResponse;
import java.io.PrintStream;
import java.util.List;

/** {@code drachtio options URI}: sends an OPTIONS and prints the response, like sipsak. */
final class OptionsCommand implements Command {

    @Override
    public String name() {
        return "options";
    }

    @Override
    public String summary() {
        return "send an OPTIONS to a SIP URI and print the response";
    }

    @Override
    public String usage() {
        return "usage: drachtio options [OPTIONS] URI\n\n"
                + "Sends one OPTIONS request and prints the final response. Exit status 0 on 2xx, 1 otherwise.\n\n"
                + "options:\n" + UacSupport.COMMON_USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        UacSupport.Options o = UacSupport.parse(args, List.of());
        try (App app = UacSupport.start(o)) {
            SipResponse r = UacSupport.uac(app, o).options(UacSupport.target(o), UacSupport.parts(o));
            return UacSupport.print(r, out);
        } catch (RuntimeException e) {
            // a port that cannot bind, a header that does not parse, a URI the stack cannot use:
            // one line, never a stack trace
            err.println("drachtio options: " + e.getMessage());
            return FAILED;
        }
    }
}
