package drachtio.transport.internal.transaction;

import drachtio.transport.SipTimers;
import drachtio.transport.internal.TimerService;
import drachtio.transport.internal.TransportSender;
import java.util.Objects;

/**
 * What every transaction of one layer shares.
 *
 * @param sender the network below
 * @param timers the clock the RFC timers run on
 * @param sip the timer values
 * @param hooks the layer above the state machines
 * @param counters the layer's counters
 */
record Env(TransportSender sender, TimerService timers, SipTimers sip, Hooks hooks, Counters counters) {
    Env {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(sip, "sip");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(counters, "counters");
    }
}
