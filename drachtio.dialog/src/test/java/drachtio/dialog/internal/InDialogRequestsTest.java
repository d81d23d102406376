package drachtio.dialog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Dialog;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 12.1 and 12.2.1.1 without sockets. */
class InDialogRequestsTest {
    private final DialogManager layer = (DialogManager) DialogManager.create(new Fakes.Stack(), Duration.ofMillis(50));

    @Test
    void uacDialogReversesTheRecordRouteAndTargetsTheContact() {
        SipRequest invite = Messages.invite();
        SipDialog d = layer.uac(invite, Messages.ok(invite));

        assertThat(d.role()).isEqualTo(Dialog.Role.UAC);
        assertThat(d.id()).isEqualTo("c1@127.0.0.1|alice|bob");
        assertThat(d.routeSet()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p2.example;lr", "sip:p1.example;lr");
        assertThat(d.remoteTarget()).hasToString("sip:bob@127.0.0.1:5080");
        assertThat(d.localCSeq()).isEqualTo(10);
        assertThat(d.remoteCSeq()).isEqualTo(-1);
        assertThat(d.localSdp()).hasValueSatisfying(s -> assertThat(s).contains("s=alice"));

        SipRequest info = InDialogRequests.build(d, Method.INFO, d.localCSeq() + 1, Parts.body("text/plain", "hi"));

        assertThat(info.uri()).hasToString("sip:bob@127.0.0.1:5080");
        assertThat(info.headers().all("Route")).containsExactly("<sip:p2.example;lr>", "<sip:p1.example;lr>");
        assertThat(info.from().tag()).contains("alice");
        assertThat(info.to().tag()).contains("bob");
        assertThat(info.callId()).isEqualTo(Messages.CALL_ID);
        assertThat(info.cseq().sequence()).isEqualTo(11);
        assertThat(info.cseq().method()).isEqualTo("INFO");
        assertThat(info.bodyText()).isEqualTo("hi");
    }

    @Test
    void uasDialogKeepsTheRecordRouteOrderAndStartsItsOwnCSeq() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite);
        SipDialog d = layer.uas(invite, ok);

        assertThat(d.id()).isEqualTo("c1@127.0.0.1|bob|alice");
        assertThat(d.routeSet()).extracting(a -> a.uri().toString())
                .containsExactly("sip:p1.example;lr", "sip:p2.example;lr");
        assertThat(d.remoteTarget()).hasToString("sip:alice@127.0.0.1:5070");
        assertThat(d.remoteCSeq()).isEqualTo(10);

        SipRequest bye = InDialogRequests.build(d, Method.BYE, d.localCSeq() + 1, Parts.NONE);

        assertThat(bye.cseq().sequence()).isEqualTo(1);
        assertThat(bye.from().tag()).contains("bob");
        assertThat(bye.to().tag()).contains("alice");
        assertThat(bye.header("Contact")).isEmpty();
    }

    @Test
    void strictRouterBecomesTheRequestUriAndTheTargetGoesLast() {
        SipRequest invite = Messages.invite();
        SipResponse ok = SipResponse.replyTo(invite, 200).setHeader("To", "<sip:bob@127.0.0.1>;tag=bob")
                .header("Record-Route", "<sip:strict.example>").header("Contact", "<sip:bob@127.0.0.1:5080>").build();
        SipDialog d = layer.uac(invite, ok);

        SipRequest update = InDialogRequests.build(d, Method.UPDATE, d.localCSeq() + 1,
                Parts.header("CSeq", "99 UPDATE").with("X-Kept", "yes"));

        assertThat(update.uri()).hasToString("sip:strict.example");
        assertThat(update.headers().all("Route")).containsExactly("<sip:bob@127.0.0.1:5080>");
        assertThat(update.cseq().sequence()).as("the dialog owns CSeq").isEqualTo(11);
        assertThat(update.header("X-Kept")).contains("yes");
        assertThat(update.header("Contact")).contains("<sip:alice@127.0.0.1:5070>");
    }
}
