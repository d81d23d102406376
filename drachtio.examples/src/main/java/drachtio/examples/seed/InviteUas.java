package drachtio.examples.seed;

import drachtio.api.App;
import drachtio.api.Dialog;
import drachtio.api.DialogException;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.message.SipRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The seed's "Creating SIP Dialogs" as a UAS: answer each INVITE with 200 and an SDP, then
 * handle the caller's BYE on the dialog. {@code res.answer(...)} blocks until the ACK arrives and
 * returns the {@link Dialog}, where the seed passed a callback {@code (err, ack, dlg)}.
 *
 * <p>The seed answers at once, so a CANCEL can hardly win; with {@code --ring MS} the call
 * rings (180) that long first, and a caller who gives up meanwhile is told about in
 * {@code req.onCancel}: the stack has then answered the CANCEL 200 and the INVITE 487, and
 * answering would fail with {@link IllegalStateException}.
 *
 * <p>A BYE that arrives before {@code dlg.onBye} is set waits until this handler returns (at most
 * 4*T1); only one held longer than that gets the dialog layer's default answer, 200.
 *
 * <pre>{@code drachtio example invite-uas --listen udp:127.0.0.1:5060 --ring 2000}</pre>
 */
public final class InviteUas implements Example {

    @Override
    public String name() {
        return "invite-uas";
    }

    @Override
    public String summary() {
        return "answer INVITEs with 200 and SDP, print the hang-ups (BYE, or CANCEL while ringing)";
    }

    @Override
    public String arguments() {
        return "[--ring MS] [--listen TRANSPORT:HOST:PORT]...   (default ring 0, " + ExampleArgs.DEFAULT_LISTEN + ")";
    }

    @Override
    public int run(List<String> args, Console console) {
        ExampleArgs a = ExampleArgs.parse(args, Set.of("--listen", "--ring"));
        List<Listen> listen = a.listen();
        Duration ring = a.millis("--ring", Duration.ZERO);
        String sdp = Sdp.audio(listen.getFirst().host());
        PrintStream out = console.out();
        try (App app = Drachtio.app(console.stack())) {
            app.invite((req, res) -> {
                CompletableFuture<SipRequest> cancelled = new CompletableFuture<>();
                req.onCancel(creq -> {
                    out.println("the calling party hung up before we answered");
                    cancelled.complete(creq);
                });
                if (ring.isPositive()) {
                    res.send(180);
                    if (gaveUpWithin(cancelled, ring)) {
                        return;
                    }
                }

                Dialog dlg;
                try {
                    dlg = res.answer(Parts.body("application/sdp", sdp));
                } catch (IllegalStateException | DialogException e) {
                    out.println("error sending 200 OK to INVITE, " + e.getMessage());
                    return;
                }
                out.println("SIP dialog has been established");

                // a dialog-level route for the BYE that ends this call
                dlg.onBye((bye, byeRes) -> {
                    out.println("calling party hungup after we answered");
                    byeRes.send(200);
                });
                dlg.onEnd(end -> out.println("call ended: " + end.reason()));
            });
            console.serve(app, listen);
        }
        return OK;
    }

    /** @return whether the caller cancelled within the ringing time */
    private static boolean gaveUpWithin(CompletableFuture<SipRequest> cancelled, Duration ring) throws Exception {
        try {
            cancelled.get(ring.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** @param args {@code [--ring MS] [--listen TRANSPORT:HOST:PORT]...} */
    public static void main(String[] args) {
        Examples.launch(new InviteUas(), args);
    }
}
