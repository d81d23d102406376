package drachtio.middleware;

import drachtio.api.Middleware;
import drachtio.api.Next;
import drachtio.api.Request;
import drachtio.api.Response;
import drachtio.api.header.Contact;
import drachtio.api.header.Uri;
import drachtio.api.message.Method;
import drachtio.api.message.SipParseException;
import drachtio.middleware.Registration.Binding;
import drachtio.middleware.Registration.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The middleware {@link RegistrationParser} builds. Stateless. */
final class RegistrationMiddleware implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationMiddleware.class);

    private static final String WILDCARD_ALONE = "Wildcard Contact must be the only Contact";

    private final int defaultExpires;

    RegistrationMiddleware(int defaultExpires) {
        this.defaultExpires = defaultExpires;
    }

    @Override
    public void handle(Request req, Response res, Next next) {
        if (!Method.REGISTER.equals(req.method())) {
            next.proceed();
            return;
        }
        Registration reg;
        try {
            reg = read(req);
        } catch (Refused e) {
            LOG.debug("REGISTER refused with 400 \"{}\" (Call-ID {})", e.getMessage(),
                    req.header("Call-ID").orElse("none"), e.getCause());
            res.send(400, e.getMessage());
            return;
        }
        LOG.debug("{} for {} with {} contact(s) (Call-ID {})", reg.kind(), reg.aor(), reg.contacts().size(),
                reg.callId());
        req.attribute(Registration.class, reg);
        next.proceed();
    }

    private Registration read(Request req) throws Refused {
        Uri aor = field(req, "To", () -> req.to().uri());
        String callId = field(req, "Call-ID", req::callId);
        long cseq = field(req, "CSeq", () -> req.cseq().sequence());
        List<Contact> contacts = contacts(req);
        OptionalInt expires = field(req, "Expires", req::expires);
        if (contacts.isEmpty()) {
            return new Registration(Kind.QUERY, aor, List.of(), false, callId, cseq);
        }
        if (contacts.stream().anyMatch(Contact::wildcard)) {
            // RFC 3261 10.3 step 6
            if (contacts.size() > 1) {
                throw new Refused(WILDCARD_ALONE, null);
            }
            if (expires.isEmpty() || expires.getAsInt() != 0) {
                throw new Refused("Wildcard Contact requires Expires: 0", null);
            }
            return new Registration(Kind.UNREGISTER, aor, List.of(), true, callId, cseq);
        }
        List<Binding> bindings = new ArrayList<>(contacts.size());
        boolean anyLive = false;
        for (Contact c : contacts) {
            OptionalInt own = c.expires();
            if (own.isEmpty() && c.parameters().contains("expires")) {
                throw new Refused("Malformed expires parameter in Contact", null);
            }
            int seconds = own.orElse(expires.orElse(defaultExpires));
            anyLive |= seconds > 0;
            bindings.add(new Binding(c, seconds));
        }
        return new Registration(anyLive ? Kind.REGISTER : Kind.UNREGISTER, aor, bindings, false, callId, cseq);
    }

    /**
     * The Contact values; {@code *, <sip:...>} is no Contact grammar at all, but says plainly
     * what is wrong, so it gets the wildcard's own reason.
     */
    private static List<Contact> contacts(Request req) throws Refused {
        try {
            return field(req, "Contact", req::contacts);
        } catch (Refused e) {
            for (String raw : req.headers("Contact")) {
                String s = raw.strip();
                if (s.startsWith("*") && s.substring(1).strip().startsWith(",")) {
                    throw new Refused(WILDCARD_ALONE, e.getCause());
                }
            }
            throw e;
        }
    }

    /** Reads one header through a typed accessor, turning a parse error into a 400 reason. */
    private static <T> T field(Request req, String name, Supplier<T> accessor) throws Refused {
        try {
            return accessor.get();
        } catch (SipParseException e) {
            String what = req.header(name).isPresent() ? "Malformed " : "Missing ";
            throw new Refused(what + name + " header", e);
        }
    }

    /** Why a REGISTER is answered 400; the message is the reason phrase. */
    private static final class Refused extends Exception {
        Refused(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }
}
