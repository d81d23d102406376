package drachtio.middleware;

import drachtio.api.header.Contact;
import drachtio.api.header.Uri;
import java.util.List;
import java.util.Objects;

/**
 * A REGISTER request read the way a registrar needs it (RFC 3261 10.3), left by
 * {@link RegistrationParser} for later handlers:
 *
 * <pre>{@code
 * app.use(Method.REGISTER, RegistrationParser.builder().build());
 * app.register((req, res) -> {
 *     Registration reg = req.attribute(Registration.class).orElseThrow();
 *     switch (reg.kind()) {
 *         case REGISTER -> reg.contacts().forEach(b -> store.put(reg.aor(), b.contact(), b.expires()));
 *         case UNREGISTER -> store.remove(reg.aor(), reg.wildcard() ? null : reg.contacts());
 *         case QUERY -> { }
 *     }
 *     res.send(200);
 * });
 * }</pre>
 *
 * @param kind what the request asks for
 * @param aor the address-of-record: the To URI (RFC 3261 10.3 step 5)
 * @param contacts the bindings in the order written, each with its effective expiry; empty
 *     for a query and for {@code Contact: *}
 * @param wildcard whether the request was {@code Contact: *} with {@code Expires: 0}, which
 *     removes every binding of the address-of-record
 * @param callId the Call-ID, which with {@code cseq} orders requests from one client
 *     (RFC 3261 10.3 step 7)
 * @param cseq the CSeq sequence number
 */
public record Registration(Kind kind, Uri aor, List<Binding> contacts, boolean wildcard, String callId, long cseq) {

    /** What a REGISTER asks the registrar to do. */
    public enum Kind {
        /**
         * Add or refresh bindings: at least one contact has a non-zero expiry (any with 0 in
         * the same request are removed).
         */
        REGISTER,
        /** Remove bindings: {@code Contact: *}, or every contact expires in 0 seconds. */
        UNREGISTER,
        /** No Contact header: list the current bindings (RFC 3261 10.2.3). */
        QUERY
    }

    /**
     * One Contact of the request with the expiry that applies to it: its {@code expires}
     * parameter, else the Expires header, else the parser's default (RFC 3261 10.2.1.1).
     *
     * @param contact the Contact value as written, never the wildcard
     * @param expires seconds, 0 to remove the binding
     */
    public record Binding(Contact contact, int expires) {

        /** Checks the parts. */
        public Binding {
            Objects.requireNonNull(contact, "contact");
            if (contact.wildcard()) {
                throw new IllegalArgumentException("a binding cannot be the wildcard");
            }
            if (expires < 0) {
                throw new IllegalArgumentException("expires must not be negative: " + expires);
            }
        }

        /** @return the contact URI, where requests for the address-of-record go */
        public Uri uri() {
            return contact.address().uri();
        }
    }

    /** Checks that the parts agree with the kind. */
    public Registration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(callId, "callId");
        contacts = List.copyOf(contacts);
        if (cseq < 0) {
            throw new IllegalArgumentException("cseq must not be negative");
        }
        if (wildcard && (kind != Kind.UNREGISTER || !contacts.isEmpty())) {
            throw new IllegalArgumentException("a wildcard registration is an UNREGISTER without contacts");
        }
        boolean anyLive = contacts.stream().anyMatch(b -> b.expires() > 0);
        boolean consistent = switch (kind) {
            case QUERY -> contacts.isEmpty() && !wildcard;
            case REGISTER -> anyLive;
            case UNREGISTER -> wildcard || !contacts.isEmpty() && !anyLive;
        };
        if (!consistent) {
            throw new IllegalArgumentException(kind + " does not fit contacts " + contacts + (wildcard ? " and *" : ""));
        }
    }
}
