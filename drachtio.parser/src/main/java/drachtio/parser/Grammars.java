package drachtio.parser;

import drachtio.api.header.Address;
import drachtio.api.header.CSeq;
import drachtio.api.header.Challenge;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Credentials;
import drachtio.api.header.MultipartBody;
import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.api.header.Via;
import drachtio.api.message.SipMessage;
import drachtio.parser.internal.AddressGrammar;
import drachtio.parser.internal.AuthGrammar;
import drachtio.parser.internal.MiscGrammar;
import drachtio.parser.internal.MultipartGrammar;
import drachtio.parser.internal.UriGrammar;
import drachtio.parser.internal.ViaGrammar;
import java.util.List;

/**
 * The SIP grammar rules a developer parses values with, each a {@link Grammar} offering
 * {@code parse} (throws {@link drachtio.api.message.SipParseException} with the offset) and
 * {@code tryParse} (returns {@code Optional}). Rules follow RFC 3261 25 with the liberal
 * readings RFC 4475 and RFC 5118 ask for; header values may contain LWS where the RFC allows it.
 */
public final class Grammars {
    /** Any URI: {@code sip:}/{@code sips:} (RFC 3261 19.1), {@code tel:} (RFC 3966), else opaque. */
    public static final Grammar<Uri> URI = UriGrammar::uri;
    /** A SIP or SIPS URI only. */
    public static final Grammar<SipUri> SIP_URI = UriGrammar::sipUri;
    /** One name-addr or addr-spec with header parameters: From, To, Reply-To, Refer-To, ... */
    public static final Grammar<Address> ADDRESS = AddressGrammar::address;
    /** A comma-separated list of addresses: Route, Record-Route, Path, P-Asserted-Identity. */
    public static final Grammar<List<Address>> ADDRESSES = AddressGrammar::addresses;
    /** A Contact header value: {@code *} or a comma-separated list of contacts. */
    public static final Grammar<List<Contact>> CONTACTS = AddressGrammar::contacts;
    /** One Via value. */
    public static final Grammar<Via> VIA = ViaGrammar::via;
    /** A Via header value: a comma-separated list of Via values. */
    public static final Grammar<List<Via>> VIAS = ViaGrammar::vias;
    /** CSeq: number and method; numbers up to 2^32-1 parse (validation wants less than 2^31). */
    public static final Grammar<CSeq> CSEQ = MiscGrammar::cseq;
    /** Call-ID: {@code word [@ word]}. */
    public static final Grammar<String> CALL_ID = MiscGrammar::callId;
    /** A non-negative decimal integer below 2^31 (Max-Forwards, Content-Length). */
    public static final Grammar<Integer> NUMBER = MiscGrammar::number;
    /** delta-seconds, capped at 2^31-1 as RFC 3261 20.19 allows (Expires, Min-Expires). */
    public static final Grammar<Integer> DELTA_SECONDS = MiscGrammar::deltaSeconds;
    /** A media type with parameters (Content-Type). */
    public static final Grammar<ContentType> CONTENT_TYPE = MiscGrammar::contentType;
    /** WWW-Authenticate and Proxy-Authenticate values. */
    public static final Grammar<Challenge> CHALLENGE = AuthGrammar::challenge;
    /** Authorization and Proxy-Authorization values. */
    public static final Grammar<Credentials> CREDENTIALS = AuthGrammar::credentials;

    private Grammars() {
    }

    /**
     * Splits a multipart body (RFC 2046 5.1) using the boundary of the message's Content-Type.
     *
     * @param message a message whose Content-Type is {@code multipart/*}
     * @return the parts
     * @throws drachtio.api.message.SipParseException when the type is not multipart, has no
     *     boundary, or the body does not follow it
     */
    public static MultipartBody multipart(SipMessage message) {
        return MultipartGrammar.parse(message);
    }
}
