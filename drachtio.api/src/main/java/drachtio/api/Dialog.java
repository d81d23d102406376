package drachtio.api;

import drachtio.api.header.Address;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A SIP dialog (RFC 3261 12): the peer-to-peer relationship an answered INVITE makes, from
 * {@link Response#answer(Parts)} (UAS) or {@link Uac#call} / {@link PendingCall#ack()} (UAC).
 *
 * <pre>{@code
 * Dialog dlg = res.answer(Parts.body("application/sdp", sdp));   // returns once ACKed
 * dlg.onBye((bye, byeRes) -> byeRes.send(200));
 * dlg.onEnd(end -> log.info("call over: {}", end.reason()));
 * }</pre>
 *
 * <p><b>Requests from the peer</b> inside the dialog reach the handler set with
 * {@link #on(Method, Handler)}, one at a time and in the order they reached the dialog; a
 * handler may block. A CSeq lower than the last one gets 500 (RFC 3261 12.2.2). With no handler:
 * BYE gets 200 and ends the dialog; INFO, NOTIFY, OPTIONS and UPDATE get 200; a re-INVITE
 * gets 200 with the last local SDP; other methods get 405. A BYE always ends the dialog,
 * whatever its handler answered.
 *
 * <p>All methods are safe to call from any thread.
 */
public interface Dialog {

    /** The side of the dialog this application is on. */
    enum Role {
        /** We answered the INVITE. */
        UAS,
        /** We sent the INVITE. */
        UAC
    }

    /** @return the dialog ID: Call-ID, local tag and remote tag joined by {@code |} */
    String id();

    /** @return the Call-ID */
    String callId();

    /** @return our tag (the To tag for a UAS, the From tag for a UAC) */
    String localTag();

    /** @return the peer's tag */
    String remoteTag();

    /** @return our URI (the From of our requests) */
    Uri localUri();

    /** @return the peer's URI (the To of our requests) */
    Uri remoteUri();

    /** @return where in-dialog requests go: the peer's Contact, updated by target refreshes */
    Uri remoteTarget();

    /**
     * @return the route set (RFC 3261 12.1): the Record-Route of the INVITE as received for a
     *     UAS, of the 2xx reversed for a UAC; empty when there was none
     */
    List<Address> routeSet();

    /** @return the CSeq of the last request we sent in the dialog, 0 before the first (UAS) */
    long localCSeq();

    /** @return the CSeq of the last request the peer sent, -1 before the first (UAC) */
    long remoteCSeq();

    /** @return whether we are the UAS or the UAC */
    Role role();

    /** @return the last SDP we sent (offer or answer), when any */
    Optional<String> localSdp();

    /** @return the last SDP the peer sent, when any */
    Optional<String> remoteSdp();

    /** @return whether the dialog is still up (not ended by a BYE, timeout or failure) */
    boolean active();

    /**
     * Sends a request inside the dialog (RFC 3261 12.2.1.1: to the remote target, through the
     * route set, with the next CSeq and both tags) and blocks until its final response. A 2xx
     * to a re-INVITE is acknowledged before this returns and its Contact becomes the remote
     * target; when the re-INVITE had no offer and the 2xx makes one, the ACK answers it with the
     * local SDP (the session as it is). A 481 or 408 ends the dialog
     * ({@link DialogEnd.Reason#TRANSPORT_FAILURE}, 12.2.1.2). A 401 or 407 is answered once with
     * credentials when the call that made the dialog had a login.
     *
     * @param method any method but ACK and CANCEL; BYE is better sent with {@link #bye()}
     * @param parts extra headers and body (an SDP body becomes the local SDP)
     * @return the final response: received, or a 408 or 503 made by the stack
     * @throws DialogEndedException when the dialog has ended
     * @throws IllegalStateException for an INVITE while another INVITE of this dialog, ours or
     *     the peer's, has no final response yet (RFC 3261 14.1)
     */
    SipResponse request(Method method, Parts parts);

    /**
     * Ends the dialog: it stops taking requests at once, then a BYE is sent and this blocks until
     * it is answered or times out (64*T1). Does nothing when the dialog has already ended.
     */
    void bye();

    /**
     * @param handler answers the peer's BYE (the dialog ends whatever it answers; 200 is sent
     *     when it returns without answering)
     * @return this dialog
     */
    default Dialog onBye(Handler handler) {
        return on(Method.BYE, handler);
    }

    /**
     * Sets the handler for one method of in-dialog request from the peer (INFO, NOTIFY,
     * re-INVITE as {@code INVITE}, UPDATE, REFER, MESSAGE, OPTIONS, ...), replacing any earlier.
     *
     * @param method the method
     * @param handler answers it; a handler that returns without a final response gets 500
     * @return this dialog
     */
    Dialog on(Method method, Handler handler);

    /**
     * Adds a listener told once, when the dialog ends, why it ended. If it has already ended,
     * the listener runs at once on the calling thread.
     *
     * @param listener receives the reason; runs on the thread that ended the dialog: return quickly
     * @return this dialog
     */
    Dialog onEnd(Consumer<DialogEnd> listener);
}
