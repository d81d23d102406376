package drachtio.api.message;

/** The keys and ids of the headers the typed accessors read, looked up once. */
final class Keys {
    static final String VIA = HeaderNames.key("Via");
    static final int VIA_ID = HeaderNames.id(VIA);
    static final String FROM = HeaderNames.key("From");
    static final int FROM_ID = HeaderNames.id(FROM);
    static final String TO = HeaderNames.key("To");
    static final int TO_ID = HeaderNames.id(TO);
    static final String CALL_ID = HeaderNames.key("Call-ID");
    static final int CALL_ID_ID = HeaderNames.id(CALL_ID);
    static final String CSEQ = HeaderNames.key("CSeq");
    static final int CSEQ_ID = HeaderNames.id(CSEQ);
    static final String CONTACT = HeaderNames.key("Contact");
    static final int CONTACT_ID = HeaderNames.id(CONTACT);
    static final String ROUTE = HeaderNames.key("Route");
    static final int ROUTE_ID = HeaderNames.id(ROUTE);
    static final String RECORD_ROUTE = HeaderNames.key("Record-Route");
    static final int RECORD_ROUTE_ID = HeaderNames.id(RECORD_ROUTE);
    static final String MAX_FORWARDS = HeaderNames.key("Max-Forwards");
    static final int MAX_FORWARDS_ID = HeaderNames.id(MAX_FORWARDS);
    static final String EXPIRES = HeaderNames.key("Expires");
    static final int EXPIRES_ID = HeaderNames.id(EXPIRES);
    static final String CONTENT_LENGTH = HeaderNames.key("Content-Length");
    static final int CONTENT_LENGTH_ID = HeaderNames.id(CONTENT_LENGTH);
    static final String CONTENT_TYPE = HeaderNames.key("Content-Type");
    static final int CONTENT_TYPE_ID = HeaderNames.id(CONTENT_TYPE);

    private Keys() {
    }
}
