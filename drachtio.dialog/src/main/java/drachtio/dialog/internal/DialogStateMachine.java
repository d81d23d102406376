package drachtio.dialog.internal;

import drachtio.api.DialogEnd;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dialog states of RFC 3261 12: early (made, the INVITE not yet answered 2xx), confirmed
 * (2xx sent or received) and terminated. One instance per dialog; {@link #fire} is atomic.
 */
final class DialogStateMachine {

    /** RFC 3261 12 dialog states. */
    enum State {
        /** The dialog exists, the INVITE has no 2xx yet (for a UAS here: the 2xx is about to be sent). */
        EARLY,
        /** A 2xx was sent or received (12.1): requests may flow both ways. */
        CONFIRMED,
        /** Ended: no more requests in either direction. */
        TERMINATED
    }

    /** What can happen to a dialog. */
    sealed interface Event {
        /** The 2xx to the INVITE was sent (UAS) or received (UAC). */
        record Answered() implements Event {
        }

        /** The INVITE will not be answered 2xx (cancelled, or the 2xx could not be sent). */
        record Refused() implements Event {
        }

        /**
         * An ACK for one of our 2xx arrived.
         *
         * @param cseq its CSeq number
         */
        record Acked(long cseq) implements Event {
        }

        /**
         * The dialog ends: a BYE either way, a timeout, a failure, the App closing.
         *
         * @param reason why
         */
        record Ended(DialogEnd.Reason reason) implements Event {
            /** Checks the reason. */
            public Ended {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * @param from the state before
     * @param to the state after
     */
    record Transition(State from, State to) {
        /** @return whether this transition ended the dialog */
        boolean ended() {
            return from != State.TERMINATED && to == State.TERMINATED;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private State state;

    DialogStateMachine(State initial) {
        this.state = initial;
    }

    /** @return the current state */
    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param event what happened
     * @return the transition it caused (possibly to the same state)
     */
    Transition fire(Event event) {
        lock.lock();
        try {
            State before = state;
            state = next(before, event);
            return new Transition(before, state);
        } finally {
            lock.unlock();
        }
    }

    /** The whole table: every state against every event. */
    static State next(State state, Event event) {
        return switch (state) {
            case EARLY -> switch (event) {
                case Event.Answered a -> State.CONFIRMED;
                case Event.Refused r -> State.TERMINATED;
                case Event.Acked a -> State.EARLY; // an ACK cannot precede the 2xx: ignored
                case Event.Ended e -> State.TERMINATED;
            };
            case CONFIRMED -> switch (event) {
                case Event.Answered a -> State.CONFIRMED; // a 2xx retransmission
                case Event.Refused r -> State.CONFIRMED; // too late: the 2xx is out
                case Event.Acked a -> State.CONFIRMED;
                case Event.Ended e -> State.TERMINATED;
            };
            case TERMINATED -> State.TERMINATED;
        };
    }
}
