package drachtio.dialog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.DialogEnd;
import drachtio.dialog.internal.DialogStateMachine.Event;
import drachtio.dialog.internal.DialogStateMachine.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogStateMachineTest {
    private static final List<Event> ALL = List.of(new Event.Answered(), new Event.Refused(), new Event.Acked(1),
            new Event.Ended(DialogEnd.Reason.REMOTE_BYE));

    @Test
    void earlyDialogIsConfirmedByTheTwoHundredOrEndedByARefusal() {
        assertThat(DialogStateMachine.next(State.EARLY, new Event.Answered())).isEqualTo(State.CONFIRMED);
        assertThat(DialogStateMachine.next(State.EARLY, new Event.Refused())).isEqualTo(State.TERMINATED);
        assertThat(DialogStateMachine.next(State.EARLY, new Event.Acked(1))).isEqualTo(State.EARLY);
    }

    @Test
    void confirmedDialogEndsOnlyByAnEnd() {
        assertThat(DialogStateMachine.next(State.CONFIRMED, new Event.Answered())).isEqualTo(State.CONFIRMED);
        assertThat(DialogStateMachine.next(State.CONFIRMED, new Event.Refused())).isEqualTo(State.CONFIRMED);
        assertThat(DialogStateMachine.next(State.CONFIRMED, new Event.Acked(2))).isEqualTo(State.CONFIRMED);
        for (DialogEnd.Reason reason : DialogEnd.Reason.values()) {
            assertThat(DialogStateMachine.next(State.CONFIRMED, new Event.Ended(reason))).isEqualTo(State.TERMINATED);
        }
    }

    @Test
    void terminatedIsFinal() {
        for (Event e : ALL) {
            assertThat(DialogStateMachine.next(State.TERMINATED, e)).isEqualTo(State.TERMINATED);
        }
    }

    @Test
    void onlyTheFirstEndReportsTheEnd() {
        DialogStateMachine m = new DialogStateMachine(State.CONFIRMED);
        assertThat(m.fire(new Event.Ended(DialogEnd.Reason.LOCAL_BYE)).ended()).isTrue();
        assertThat(m.fire(new Event.Ended(DialogEnd.Reason.REMOTE_BYE)).ended()).isFalse();
        assertThat(m.state()).isEqualTo(State.TERMINATED);
    }
}
