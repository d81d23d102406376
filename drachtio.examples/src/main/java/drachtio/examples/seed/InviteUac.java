package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.DialogEnd;
import drachtio.api.Drachtio;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.message.SipResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The seed's "Establishing a dialog as a UAC": send an INVITE with an SDP offer, and on a 200
 * send the ACK ({@code res.ack()} in the seed, {@link PendingCall#ack()} here) to get the
 * {@link Dialog}, then wait for the called party's BYE. {@code awaitFinal()} blocks until the
 * final response. {@code app.uac().call(uri, parts)} does the same in one step.
 *
 * <p>The call lasts until the called party hangs up or the program is stopped (Ctrl-C), which
 * hangs up with BYE.
 *
 * <pre>{@code drachtio example invite-uac sip:1234@127.0.0.1:5060}</pre>
 */
public final class InviteUac implements Example {
    /** The seed's target. */
    static final String SEED_TARGET = "sip:1234@localhost:59886";

    @Override
    public String name() {
        return "invite-uac";
    }

    @Override
    public String summary() {
        return "place a call: INVITE, ACK the 200, wait for BYE (Ctrl-C hangs up)";
    }

    @Override
    public String arguments() {
        return "[URI]   (default " + SEED_TARGET + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        String target = ExampleArgs.parse(args, Set.of()).target(SEED_TARGET);
        PrintStream out = console.out();
        try (App app = Drachtio.app(console.stack())) {
            console.client(app, target);
            String sdp = Sdp.audio(app.listening().getFirst().host());

            PendingCall call = app.uac().start(target, Parts.body("application/sdp", sdp));
            SipResponse res = call.awaitFinal();
            if (!res.success()) {
                out.println("error sending invite: " + res.statusLine());
                return FAILED;
            }
            Dialog dlg = call.ack();
            out.println("dialog established");

            CompletableFuture<DialogEnd> over = new CompletableFuture<>();
            dlg.onBye((req, byeRes) -> {
                out.println("called party hung up");
                byeRes.send(200);
            });
            dlg.onEnd(over::complete);

            if (console.awaitStopOr(over).isEmpty()) {
                dlg.bye();
                out.println("we hung up");
            }
            return OK;
        }
    }

    /** @param args {@code [URI]} */
    public static void main(String[] args) {
        Examples.launch(new InviteUac(), args);
    }
}
