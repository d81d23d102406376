package drachtio.dialog;

import drachtio.api.Dialog;
import drachtio.api.Dialogs;
import drachtio.api.PendingCall;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.IncomingTransaction;
import drachtio.api.spi.SipStack;
import drachtio.api.spi.Source;
import drachtio.dialog.internal.DialogManager;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The dialogs of one application over one {@link SipStack}. The App hands it every request
 * that carries a To tag, the ACKs and ACK timeouts the stack reports, and its answers and
 * calls that make dialogs. Every method is safe to call from any thread.
 */
public interface DialogLayer {

    /**
     * @param stack the started stack in-dialog requests are sent through
     * @param t1 the stack's T1: the layer's own waits are bounded by 64*T1 and a margin
     * @return a new layer with no dialogs
     */
    static DialogLayer create(SipStack stack, Duration t1) {
        return DialogManager.create(stack, t1);
    }

    /** @return the live dialogs */
    Dialogs dialogs();

    /**
     * Serves a request inside a dialog (RFC 3261 12.2.2): one with a To tag. Requests of one
     * dialog are served one at a time; an unknown dialog gets 481, an old CSeq 500, a request
     * with no dialog handler the default answer. Blocks while the dialog's handler runs. A
     * SUBSCRIBE, NOTIFY or REFER that matches no dialog of this layer is not served: it may
     * belong to a subscription (RFC 6665), whose dialog the application keeps.
     *
     * @param transaction the server transaction
     * @param request the App's view of the request
     * @param response the App's responses to it
     * @return {@code false} when the request has no To tag, or is a SUBSCRIBE, NOTIFY or REFER
     *     for no dialog of this layer (it is not for this layer and nothing was sent), else
     *     {@code true}: a final response has been sent
     */
    boolean handle(IncomingTransaction transaction, Request request, Response response);

    /**
     * Serves a request inside a dialog on the calling thread (a transport's reader) when that
     * takes no waiting and no application code: a request for no known dialog (481; not a
     * SUBSCRIBE, NOTIFY or REFER, see {@link #handle}), or one
     * for a dialog whose answering code has returned, with no earlier request of it being
     * served and no handler for the method, which then gets its default answer (BYE, INFO,
     * NOTIFY, OPTIONS, UPDATE; a BYE ends the dialog, and its end listeners run on a virtual
     * thread of their own).
     *
     * @param transaction the server transaction
     * @param request the App's view of the request
     * @param response the App's responses to it
     * @return whether it was served; when {@code false} nothing was done, and
     *     {@link #handle} on a thread that may block follows
     */
    boolean handleAtOnce(IncomingTransaction transaction, Request request, Response response);

    /**
     * An ACK the stack matched to no transaction: the ACK for a 2xx.
     *
     * @param ack the ACK
     * @param source where it came from
     */
    void onAck(SipRequest ack, Source source);

    /**
     * Our 2xx was never acknowledged: the dialog is ended with BYE.
     *
     * @param response the 2xx
     * @param source where the INVITE came from
     */
    void onAckTimeout(SipResponse response, Source source);

    /**
     * Makes the UAS dialog of an INVITE answered with {@code answer}, runs {@code send} to send
     * it, then blocks until the ACK.
     *
     * @param invite the INVITE
     * @param answer the 2xx, with our To tag and Contact
     * @param send sends the 2xx; throws {@link IllegalStateException} when it cannot
     * @return the dialog, confirmed (or already ended by a BYE that overtook the ACK)
     * @throws drachtio.api.AckTimeoutException when no ACK came within 64*T1
     * @throws drachtio.api.DialogEndedException when the layer closed while waiting
     */
    Dialog answer(SipRequest invite, SipResponse answer, Runnable send);

    /**
     * Makes the UAS dialog of an INVITE answered with {@code answer} and runs {@code send} to
     * send it, as {@link #answer} does, without waiting for the ACK: the dialog is confirmed when
     * it comes, and ends with BYE when it does not (64*T1).
     *
     * @param invite the INVITE
     * @param answer the 2xx, with our To tag and Contact
     * @param send sends the 2xx; throws {@link IllegalStateException} when it cannot
     * @return the dialog, not yet confirmed
     */
    Dialog answerWithoutWaiting(SipRequest invite, SipResponse answer, Runnable send);

    /**
     * The app's code that answered the dialog (the INVITE's handler) has returned. Until then,
     * at most 4*T1, requests from the peer wait, so that handlers the app sets right after
     * {@code answer} see every request that follows the ACK.
     *
     * @param dialog a dialog from {@link #answer}
     */
    void release(Dialog dialog);

    /**
     * Sends an INVITE and returns at once; a 2xx makes a UAC dialog.
     *
     * @param invite the INVITE (From with a tag, Contact, and the offer if any)
     * @param provisional receives 1xx responses, or {@code null}
     * @param timeout when to cancel the INVITE if no final response came, or {@code null}
     * @return the call in progress
     */
    PendingCall call(SipRequest invite, Consumer<SipResponse> provisional, Duration timeout);

    /**
     * Like {@link #call(SipRequest, Consumer, Duration)}, for a call made with a login: a 401 or
     * 407 to a later request of its dialog (a re-INVITE, a BYE, an INFO ...) is answered once
     * with credentials, and the ACK for a 2xx carries the credentials of the INVITE it answers.
     *
     * @param invite the INVITE (with credentials when it answers a challenge)
     * @param provisional receives 1xx responses, or {@code null}
     * @param timeout when to cancel the INVITE if no final response came, or {@code null}
     * @param challenges answers challenges to the dialog's requests
     * @return the call in progress; a layer that cannot answer challenges makes it as
     *     {@link #call(SipRequest, Consumer, Duration)} does
     */
    default PendingCall call(SipRequest invite, Consumer<SipResponse> provisional, Duration timeout,
                             Challenges challenges) {
        return call(invite, provisional, timeout);
    }

    /**
     * Ends every live dialog with BYE ({@code APP_CLOSED}) and waits for the answers, at most
     * {@code grace}. Dialogs made later are not affected.
     *
     * @param grace how long to wait for the BYEs' answers
     */
    void close(Duration grace);
}
