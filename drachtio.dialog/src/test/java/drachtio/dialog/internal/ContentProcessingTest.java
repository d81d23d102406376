package drachtio.dialog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Dialog;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.dialog.DialogLayer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RFC 3261 8.2.3: the dialog layer's default answers read the body of a re-INVITE or UPDATE. */
class ContentProcessingTest {
    private final Fakes.Stack stack = new Fakes.Stack();
    private final DialogLayer layer = DialogManager.create(stack, Duration.ofMillis(20));

    private Dialog answeredWithSdp() {
        SipRequest invite = Messages.invite();
        SipResponse ok = Messages.ok(invite).toBuilder().body("application/sdp", "v=0\r\ns=bob\r\nm=audio 6000 RTP/AVP 0\r\n")
                .build();
        Dialog d = layer.answer(invite, ok, () -> CompletableFuture.runAsync(
                () -> layer.onAck(Messages.fromAlice("ACK", 10, "bob"), Fakes.FROM),
                task -> Thread.ofVirtual().start(task)));
        layer.release(d);
        return d;
    }

    private Fakes.Res serve(SipRequest request) {
        Fakes.Res res = new Fakes.Res(request);
        assertThat(layer.handle(Fakes.txn(request), new Fakes.Req(request), res)).isTrue();
        return res;
    }

    /**
     * RFC 3261 8.2.3: a body in a content encoding the UAS does not understand MUST be rejected
     * with 415 and an Accept-Encoding header. The layer has no decoder: the compressed octets are
     * neither read as SDP nor kept as the peer's.
     */
    @Test
    void aReInviteWhoseOfferIsInAnEncodingWeCannotReadGets415WithAcceptEncoding() {
        Dialog d = answeredWithSdp();
        SipRequest gzipped = Messages.fromAlice("INVITE", 11, "bob").toBuilder()
                .header("Content-Encoding", "gzip")
                .body("application/sdp", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c, 0x4a, 6, 0})
                .build();

        SipResponse answer = serve(gzipped).last();

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Accept-Encoding")).contains("identity");
        assertThat(d.remoteSdp()).hasValueSatisfying(sdp -> assertThat(sdp).startsWith("v=0"));
        SipRequest update = Messages.fromAlice("UPDATE", 12, "bob").toBuilder().header("Content-Encoding", "gzip")
                .body("application/sdp", new byte[] {0x1f, (byte) 0x8b}).build();
        assertThat(serve(update).last().status()).isEqualTo(415);
    }

    /**
     * RFC 3261 8.2.3: a body of a type the UAS does not understand (its Content-Disposition
     * "session" by default, 20.11) MUST be rejected with 415 and an Accept header, unless it is
     * marked {@code handling=optional}: then it is ignored.
     */
    @Test
    void aReInviteWithASessionBodyOfAnUnknownTypeGets415WithAccept() {
        answeredWithSdp();
        SipRequest unknown = Messages.fromAlice("INVITE", 11, "bob").toBuilder()
                .body("application/x-unknown-session", "opaque offer")
                .build();

        SipResponse answer = serve(unknown).last();

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Accept")).hasValueSatisfying(v -> assertThat(v).contains("application/sdp"));
        SipRequest optional = Messages.fromAlice("INVITE", 12, "bob").toBuilder()
                .header("Content-Disposition", "render; handling=optional")
                .body("application/x-unknown-session", "an aside").build();
        assertThat(serve(optional).last().status()).isEqualTo(200);
    }
}
