package drachtio.api;

import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends requests and blocks until the final response; from {@link App#uac()}. A {@code Uac} is
 * an immutable view: the {@code with...} methods return a new view with that setting and leave
 * this one unchanged, so one can be shared freely between threads.
 *
 * <p><b>Digest authentication</b> (RFC 3261 22.2, RFC 7616, RFC 8760): when a login is set and
 * the answer is 401 or 407, the request is sent once more with credentials, as
 * {@code Authorization} for a 401 ({@code WWW-Authenticate}) and {@code Proxy-Authorization}
 * for a 407 ({@code Proxy-Authenticate}), with the next CSeq. Of several challenges the
 * strongest algorithm wins (SHA-256 before MD5); {@code qop=auth} is preferred,
 * {@code auth-int} is used when it is the only one offered. A second challenge is returned to
 * the caller as the final response.
 *
 * <p><b>Next hop</b>: the first Route, else the Request-URI; a host name is resolved with A/AAAA
 * records (RFC 3263 NAPTR and SRV lookups are not done), the port defaults to 5060 and the
 * transport to the URI's {@code transport} parameter, else UDP.
 */
public interface Uac {

    /**
     * @param login answers every challenge, whatever its realm
     * @return a view that answers challenges with it
     */
    Uac withLogin(Login login);

    /**
     * @param byRealm gives the login for a realm, or empty to leave the challenge unanswered;
     *     may block
     * @return a view that answers challenges with it
     */
    Uac withLogins(Function<String, Optional<Login>> byRealm);

    /**
     * @param listener receives each provisional response, on the stack's thread: return quickly
     * @return a view that reports provisional responses to it
     */
    Uac onProvisional(Consumer<SipResponse> listener);

    /**
     * @param timeout how long to wait for a final response before giving up: a non-INVITE
     *     request then returns a 408 made here, a pending INVITE is cancelled (RFC 3261 9.1)
     *     and its final response (487 normally) returned, or a 408 made at once when the peer
     *     has sent nothing yet
     * @return a view with that timeout (by default the transaction's own timers decide: 64*T1)
     */
    Uac withTimeout(Duration timeout);

    /**
     * Sends a request the app built in full. The stack adds its Via (and Max-Forwards when
     * missing). An ACK cannot be sent this way.
     *
     * @param request the request
     * @return the final response: received, or a 408 (timeout) or 503 (transport failure) made
     *     by the stack
     */
    SipResponse send(SipRequest request);

    /**
     * Builds and sends a request. The App supplies From (with a tag), To (the URI), Call-ID,
     * CSeq and, for INVITE, REGISTER, SUBSCRIBE and REFER, a Contact naming one of its
     * listeners of the target's transport and address family;
     * a header of the same name in {@code parts} replaces the App's value.
     *
     * @param method the method (not ACK or CANCEL)
     * @param uri the Request-URI, e.g. {@code sip:alice@127.0.0.1:5080}
     * @param parts extra headers and body
     * @return the final response
     * @throws drachtio.api.message.SipParseException when the URI does not parse
     */
    SipResponse request(Method method, String uri, Parts parts);

    /**
     * @param uri the Request-URI
     * @return the final response to an OPTIONS
     */
    default SipResponse options(String uri) {
        return request(Method.OPTIONS, uri, Parts.NONE);
    }

    /**
     * @param uri the Request-URI
     * @param parts extra headers and body
     * @return the final response to an OPTIONS
     */
    default SipResponse options(String uri, Parts parts) {
        return request(Method.OPTIONS, uri, parts);
    }

    /**
     * @param uri the Request-URI
     * @param parts extra headers and body
     * @return the final response to an INFO
     */
    default SipResponse info(String uri, Parts parts) {
        return request(Method.INFO, uri, parts);
    }

    /**
     * @param uri the Request-URI
     * @param parts extra headers and the message body
     * @return the final response to a MESSAGE
     */
    default SipResponse message(String uri, Parts parts) {
        return request(Method.MESSAGE, uri, parts);
    }

    /**
     * Registers an address of record: the REGISTER goes to the URI without its user part, with
     * the URI itself as From and To (RFC 3261 10.2), the App's Contact and {@code Expires:
     * 3600} unless {@code parts} says otherwise.
     *
     * @param aor the address of record, e.g. {@code sip:alice@127.0.0.1:5060}
     * @param parts extra headers (an {@code Expires: 0} unregisters)
     * @return the final response
     */
    SipResponse register(String aor, Parts parts);

    /**
     * Sends an INVITE and returns its final response; a 2xx is acknowledged before this returns
     * (RFC 3261 13.2.2.4). No {@link Dialog} is kept for the call: it stays up until the peer
     * ends it. Use {@link #call} to get the dialog (and end the call with {@link Dialog#bye()}).
     *
     * @param uri the Request-URI
     * @param parts extra headers and the offer
     * @return the final response
     */
    default SipResponse invite(String uri, Parts parts) {
        return request(Method.INVITE, uri, parts);
    }

    /**
     * Sends an INVITE whose answer the app handles: {@link PendingCall#awaitFinal()}, then
     * {@link PendingCall#ack(Parts)} or {@link PendingCall#cancel()}. The INVITE is built as
     * {@link #request} builds it (From with a tag, To, Call-ID, CSeq, our Contact). Client
     * digest authentication is not applied to it yet.
     *
     * @param uri the Request-URI
     * @param parts extra headers and the offer (none for a late offer)
     * @return the call in progress
     * @throws drachtio.api.message.SipParseException when the URI does not parse
     */
    PendingCall start(String uri, Parts parts);

    /**
     * Places a call: sends an INVITE, waits for the final response, acknowledges a 2xx and
     * returns the dialog.
     *
     * <pre>{@code
     * Dialog dlg = app.uac().call("sip:bob@127.0.0.1:5080", Parts.body("application/sdp", offer));
     * }</pre>
     *
     * @param uri the Request-URI
     * @param parts extra headers and the offer
     * @return the confirmed dialog
     * @throws CallFailedException for a final response other than 2xx (it carries the response)
     */
    default Dialog call(String uri, Parts parts) {
        PendingCall pending = start(uri, parts);
        SipResponse answer = pending.awaitFinal();
        if (!answer.success()) {
            throw new CallFailedException(answer);
        }
        return pending.ack();
    }
}
