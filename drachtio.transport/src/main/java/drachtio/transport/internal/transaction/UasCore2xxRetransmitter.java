package drachtio.transport.internal.transaction;

import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAS core's rule for a 2xx to an INVITE (RFC 3261 13.3.1.4, RFC 6026): the INVITE server
 * transaction does not retransmit it, so the core does, at T1 doubling up to T2, until the
 * ACK arrives; after 64*T1 without one it gives up and tells the TU. This holds on reliable
 * transports too (13.3.1.4 says so): a stateful proxy forwards the 2xx once, maybe onto UDP,
 * and the UAS alone retransmits it end to end.
 */
final class UasCore2xxRetransmitter {
    private static final Logger LOG = LoggerFactory.getLogger(UasCore2xxRetransmitter.class);

    private final Env env;
    private final TransactionUser tu;
    private final ConcurrentHashMap<DialogAckKey, Pending> pending = new ConcurrentHashMap<>();

    UasCore2xxRetransmitter(Env env, TransactionUser tu) {
        this.env = env;
        this.tu = tu;
    }

    /** One 2xx waiting for its ACK; its timers and the ACK race, so a lock orders them. */
    private final class Pending {
        final DialogAckKey key;
        final InviteServerTransaction txn;
        final SipResponse response;
        final ReentrantLock lock = new ReentrantLock();
        TimerService.Timer retransmit;
        TimerService.Timer giveUp;
        boolean done;

        Pending(DialogAckKey key, InviteServerTransaction txn, SipResponse response) {
            this.key = key;
            this.txn = txn;
            this.response = response;
        }

        void start() {
            lock.lock();
            try {
                schedule(env.sip().t1());
                giveUp = env.timers().schedule(env.sip().timeout(), this::expire);
            } finally {
                lock.unlock();
            }
        }

        private void schedule(Duration interval) {
            // over TCP a send may wait for the connection's writer or open a new connection:
            // never on the timer thread, which every timer of the stack shares
            retransmit = env.timers().schedule(interval, txn.hop.reliable()
                    ? () -> Thread.ofVirtual().name("sip-2xx-resend").start(() -> retransmit(interval))
                    : () -> retransmit(interval));
        }

        private void retransmit(Duration interval) {
            lock.lock();
            try {
                if (done) {
                    return;
                }
                env.counters().retransmissionsSent.increment();
                env.sender().send(response, txn.hop);
                Duration next = interval.multipliedBy(2);
                schedule(next.compareTo(env.sip().t2()) > 0 ? env.sip().t2() : next);
            } catch (TransportException e) {
                env.counters().transportErrors.increment();
                LOG.debug("{}: 2xx retransmission failed: {}", key.callId(), e.getMessage());
                stop();
                tu.onTransportError(txn, e);
            } finally {
                lock.unlock();
            }
        }

        private void expire() {
            lock.lock();
            try {
                if (done) {
                    return;
                }
                LOG.debug("{}: no ACK for {} after 64*T1", key.callId(), response.status());
                env.counters().timeouts.increment();
                stop();
            } finally {
                lock.unlock();
            }
            tu.onAckTimeout(txn, response);
        }

        /** @return whether this call stopped it (then the TU hears that the wait is over) */
        boolean stop() {
            lock.lock();
            try {
                if (done) {
                    return false;
                }
                done = true;
                Transaction.cancel(retransmit);
                Transaction.cancel(giveUp);
                pending.remove(key, this);
            } finally {
                lock.unlock();
            }
            tu.onAckWaitOver(txn);
            return true;
        }
    }

    /**
     * Starts keeping a 2xx alive; a 2xx passed again for the same dialog and CSeq replaces the
     * earlier one.
     */
    void start(InviteServerTransaction txn, SipResponse response) {
        DialogAckKey key = DialogAckKey.of(response);
        Pending p = new Pending(key, txn, response);
        Pending old = pending.put(key, p);
        if (old != null) {
            old.stop();
        }
        p.start();
    }

    /**
     * Forgets a 2xx that could not be sent after all.
     *
     * @param response the 2xx
     */
    void abandon(SipResponse response) {
        Pending p = pending.get(DialogAckKey.of(response));
        if (p != null && p.response == response) {
            p.stop();
        }
    }

    /**
     * @param ack an ACK that matched no transaction
     * @return whether it acknowledged a 2xx this core was retransmitting
     */
    boolean acked(SipRequest ack) {
        Pending p = pending.get(DialogAckKey.of(ack));
        return p != null && p.stop();
    }

    /** @return how many 2xx responses wait for their ACK */
    int size() {
        return pending.size();
    }
}
