package drachtio.examples.serve;

import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.middleware.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrar's location service (RFC 3261 10.3), in memory: for each address of record its
 * contacts and when each expires. Expired bindings are dropped whenever the record is touched.
 */
final class Bindings {
    /** One contact of an address of record and how long it has left. */
    record Binding(String contact, long secondsLeft) {
    }

    private final Map<String, Map<String, Instant>> byAor = new ConcurrentHashMap<>();

    /**
     * Applies a REGISTER (RFC 3261 10.3 steps 6-8) and returns the bindings now in place.
     *
     * @param reg the parsed registration
     * @param now the current time
     * @return the address of record's bindings after the update
     */
    List<Binding> apply(Registration reg, Instant now) {
        String key = key(reg.aor());
        Map<String, Instant> result = byAor.compute(key, (k, old) -> {
            Map<String, Instant> contacts = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
            contacts.values().removeIf(at -> !at.isAfter(now));
            if (reg.wildcard()) {
                contacts.clear();
            } else {
                for (Registration.Binding b : reg.contacts()) {
                    String contact = b.contact().uri().map(Uri::toString).orElseThrow();
                    if (b.expires() == 0) {
                        contacts.remove(contact);
                    } else {
                        contacts.put(contact, now.plus(Duration.ofSeconds(b.expires())));
                    }
                }
            }
            return contacts.isEmpty() ? null : contacts;
        });
        return list(result, now);
    }

    /**
     * @param aor an address of record
     * @param now the current time
     * @return its live bindings
     */
    List<Binding> lookup(Uri aor, Instant now) {
        return list(byAor.get(key(aor)), now);
    }

    /** @return how many addresses of record have bindings (expired ones may still count) */
    int size() {
        return byAor.size();
    }

    private static List<Binding> list(Map<String, Instant> contacts, Instant now) {
        List<Binding> out = new ArrayList<>();
        if (contacts != null) {
            contacts.forEach((c, at) -> {
                long left = Duration.between(now, at).toSeconds();
                if (left > 0) {
                    out.add(new Binding(c, left));
                }
            });
        }
        return out;
    }

    /** RFC 3261 10.3 step 5: the AOR as scheme, user and host, the host in lower case. */
    static String key(Uri aor) {
        if (aor instanceof SipUri sip) {
            return sip.scheme() + ":" + (sip.user() == null ? "" : sip.user() + "@") + sip.host().toLowerCase(Locale.ROOT);
        }
        return aor.toString();
    }
}
