package drachtio.api.message;

/** The keys of the headers the typed accessors read, looked up once. */
final class Keys {
    static final String VIA = HeaderNames.key("Via");
    static final String FROM = HeaderNames.key("From");
    static final String TO = HeaderNames.key("To");
    static final String CALL_ID = HeaderNames.key("Call-ID");
    static final String CSEQ = HeaderNames.key("CSeq");
    static final String CONTACT = HeaderNames.key("Contact");
    static final String ROUTE = HeaderNames.key("Route");
    static final String RECORD_ROUTE = HeaderNames.key("Record-Route");
    static final String MAX_FORWARDS = HeaderNames.key("Max-Forwards");
    static final String EXPIRES = HeaderNames.key("Expires");
    static final String CONTENT_LENGTH = HeaderNames.key("Content-Length");
    static final String CONTENT_TYPE = HeaderNames.key("Content-Type");

    private Keys() {
    }
}
