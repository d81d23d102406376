package drachtio.examples.serve;

import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.middleware.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrar's location service (RFC 3261 10.3), in memory: for each address of record its
 * contacts, when each expires, and the Call-ID and CSeq of the REGISTER that set it. Expired
 * bindings are dropped whenever the record is touched.
 */
final class Bindings {
    /** One contact of an address of record and how long it has left. */
    record Binding(String contact, long secondsLeft) {
    }

    /** A stored binding: the contact, its expiry, and the request that set it (step 7). */
    private record Entry(Uri contact, Instant expires, String callId, long cseq) {
    }

    private final Map<String, List<Entry>> byAor = new ConcurrentHashMap<>();

    /**
     * Applies a REGISTER (RFC 3261 10.3 steps 6-8), all of it or nothing: a request whose
     * Call-ID set one of the bindings it touches with a CSeq not below its own is older than that
     * binding, and changes nothing.
     *
     * @param reg the parsed registration
     * @param now the current time
     * @return the address of record's bindings after the update; empty when it was aborted
     */
    Optional<List<Binding>> apply(Registration reg, Instant now) {
        boolean[] aborted = {false};
        List<Entry> result = byAor.compute(key(reg.aor()), (k, old) -> {
            List<Entry> entries = new ArrayList<>(old == null ? List.of() : old);
            entries.removeIf(e -> !e.expires().isAfter(now));
            List<Entry> touched = reg.wildcard() ? List.copyOf(entries)
                    : reg.contacts().stream().map(b -> find(entries, b.uri())).filter(e -> e != null).toList();
            if (touched.stream().anyMatch(e -> e.callId().equals(reg.callId()) && reg.cseq() <= e.cseq())) {
                aborted[0] = true;
                return old;
            }
            if (reg.wildcard()) {
                entries.clear();
            }
            for (Registration.Binding b : reg.contacts()) {
                entries.remove(find(entries, b.uri()));
                if (b.expires() > 0) {
                    entries.add(new Entry(b.uri(), now.plus(Duration.ofSeconds(b.expires())), reg.callId(), reg.cseq()));
                }
            }
            return entries.isEmpty() ? null : List.copyOf(entries);
        });
        return aborted[0] ? Optional.empty() : Optional.of(list(result, now));
    }

    /** @return the entry whose contact is equivalent to {@code contact} (RFC 3261 19.1.4), or null */
    private static Entry find(List<Entry> entries, Uri contact) {
        for (Entry e : entries) {
            if (e.contact() instanceof SipUri a && contact instanceof SipUri b ? a.equivalent(b)
                    : e.contact().toString().equals(contact.toString())) {
                return e;
            }
        }
        return null;
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

    private static List<Binding> list(List<Entry> entries, Instant now) {
        List<Binding> out = new ArrayList<>();
        if (entries != null) {
            for (Entry e : entries) {
                long left = Duration.between(now, e.expires()).toSeconds();
                if (left > 0) {
                    out.add(new Binding(e.contact().toString(), left));
                }
            }
        }
        return out;
    }

    /**
     * RFC 3261 10.3 step 5: the AOR as scheme, user and host, with no parameters, escapes in the
     * user decoded and the host in lower case.
     */
    static String key(Uri aor) {
        if (aor instanceof SipUri sip) {
            return sip.scheme() + ":" + (sip.user() == null ? "" : SipUri.unescape(sip.user()) + "@")
                    + sip.host().toLowerCase(Locale.ROOT);
        }
        return aor.toString();
    }
}
