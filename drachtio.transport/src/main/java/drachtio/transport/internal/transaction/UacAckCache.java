package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.Hop;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAC core's memory of the ACKs it sent for 2xx responses (RFC 3261 13.2.2.4): a
 * retransmitted 2xx means the ACK was lost, so the same ACK goes out again. Each ACK is kept
 * for 64*T1, as long as the UAS may retransmit.
 */
final class UacAckCache {
    private static final Logger LOG = LoggerFactory.getLogger(UacAckCache.class);

    /**
     * One kept ACK: over UDP only its octets (it may go again for 32 s), over a reliable
     * transport the message itself (a 2xx comes again there only when the ACK is slow to
     * arrive, RFC 3261 13.3.1.4, so it is rarely sent twice).
     */
    private static final class Entry {
        final Object ack;
        final String callId;
        final Hop hop;
        TimerService.Timer expiry;

        Entry(Object ack, String callId, Hop hop) {
            this.ack = ack;
            this.callId = callId;
            this.hop = hop;
        }
    }

    private final Env env;
    private final ConcurrentHashMap<DialogAckKey, Entry> acks = new ConcurrentHashMap<>();

    UacAckCache(Env env) {
        this.env = env;
    }

    /**
     * Sends the ACK for a 2xx and keeps it for retransmitted 2xx responses.
     *
     * @throws TransportException when it cannot be sent; it is kept all the same, as a
     *     retransmitted 2xx gives another chance
     */
    void send(SipRequest ack, Hop hop) {
        DialogAckKey key = DialogAckKey.of(ack);
        byte[] octets = hop.reliable() ? null : ack.toBytes();
        Entry entry = new Entry(octets != null ? octets : ack, ack.callId(), hop);
        entry.expiry = env.timers().schedule(env.sip().timeout(), () -> acks.remove(key, entry));
        Entry old = acks.put(key, entry);
        if (old != null) {
            old.expiry.cancel();
        }
        transmit(entry);
    }

    private void transmit(Entry e) {
        if (e.ack instanceof byte[] octets) {
            env.sender().send(octets, e.hop);
        } else {
            env.sender().send((SipRequest) e.ack, e.hop);
        }
    }

    /**
     * @param response a 2xx to an INVITE
     * @return whether an ACK was kept for it and was sent again
     */
    boolean resendFor(SipResponse response) {
        Entry e = acks.get(DialogAckKey.of(response));
        if (e == null) {
            return false;
        }
        LOG.debug("{}: 2xx retransmitted, sending the ACK again", e.callId);
        env.counters().retransmissionsAbsorbed.increment();
        try {
            env.counters().retransmissionsSent.increment();
            transmit(e);
        } catch (TransportException ex) {
            env.counters().transportErrors.increment();
            LOG.debug("{}: ACK could not be sent again: {}", e.callId, ex.getMessage());
        }
        return true;
    }

    /** @return how many ACKs are kept */
    int size() {
        return acks.size();
    }
}
