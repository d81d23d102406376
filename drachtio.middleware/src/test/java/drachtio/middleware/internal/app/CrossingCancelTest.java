package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.CallFailedException;
import drachtio.api.Dialog;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import drachtio.dialog.DialogLayer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** uac().withTimeout(...).call(...) when the callee's 200 crosses the CANCEL the timeout sent (RFC 3261 9.1, 15). */
class CrossingCancelTest {

    /** Rings for ever; the CANCEL meets the callee's 200, which then comes up; BYE gets 200. */
    private static final class CrossingStack extends ScriptedStack {
        @Override
        OutgoingTransaction answer(SipRequest request, ResponseHandler handler) {
            if (!request.is(Method.INVITE)) {
                handler.onFinal(SipResponse.replyTo(request, 200).build(), Outcome.RECEIVED);
            }
            return new OutgoingTransaction() {
                @Override
                public SipRequest request() {
                    return request;
                }

                @Override
                public boolean cancel() {
                    // the 200 was already on its way when our CANCEL left
                    handler.onFinal(SipResponse.replyTo(request, 200)
                            .setHeader("To", request.header("To").orElseThrow() + ";tag=callee")
                            .header("Contact", "<sip:bob@127.0.0.1:5080>").build(), Outcome.RECEIVED);
                    return true;
                }
            };
        }
    }

    @Test
    void callWithATimeoutNeverReturnsADialogItHasAlreadyHungUp() {
        CrossingStack stack = new CrossingStack();
        ClientSide uac = ClientSide.of(stack, DialogLayer.create(stack, Duration.ofMillis(100)), stack.listening());

        Dialog d = null;
        try {
            d = uac.withTimeout(Duration.ofMillis(200)).call("sip:bob@127.0.0.1:5080", Parts.NONE);
        } catch (CallFailedException expected) {
            // a call that could not be placed in time is a failure for the app
        }

        assertThat(stack.acks).hasSize(1);                                        // the crossing 200 was ACKed
        assertThat(stack.sent).extracting(SipRequest::method).contains(Method.BYE); // and ended (15)
        // Uac.call: "@return the confirmed dialog"
        if (d != null) {
            assertThat(d.active()).as("the dialog call() returned is live").isTrue();
        }
    }
}
