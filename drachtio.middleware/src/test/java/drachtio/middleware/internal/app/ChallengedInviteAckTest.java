package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.OutgoingTransaction;
import drachtio.api.spi.Outcome;
import drachtio.api.spi.ResponseHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An INVITE sent with {@code uac().request(...)}: challenged by two proxies at once (RFC 3261
 * 22.3), sent again with two Proxy-Authorization values, and its 2xx acknowledged.
 */
class ChallengedInviteAckTest {

    /** Answers the first INVITE 407 with two realms, the next 200; records every request and ACK. */
    private static final class TwoProxies extends ScriptedStack {
        @Override
        OutgoingTransaction answer(SipRequest request, ResponseHandler handler) {
            SipResponse response = sent.size() == 1
                    ? SipResponse.replyTo(request, 407)
                            .header("Proxy-Authenticate", "Digest realm=\"a.example\", nonce=\"n1\", qop=\"auth\"")
                            .header("Proxy-Authenticate", "Digest realm=\"b.example\", nonce=\"n2\", qop=\"auth\"")
                            .build()
                    : SipResponse.replyTo(request, 200)
                            .setHeader("To", request.header("To").orElseThrow() + ";tag=callee")
                            .header("Contact", "<sip:bob@127.0.0.1:5080>").build();
            handler.onFinal(response, Outcome.RECEIVED);
            return OutgoingTransaction.answered(request);
        }
    }

    @Test
    void theAckForTheAuthenticatedInviteCarriesEveryProxyAuthorizationOfIt() {
        TwoProxies stack = new TwoProxies();
        ClientSide uac = ClientSide.of(stack, null, stack.listening());

        SipResponse r = uac.withLogin(Login.of("alice", "secret")).request(Method.INVITE, "sip:bob@127.0.0.1:5080",
                Parts.NONE);

        assertThat(r.status()).isEqualTo(200);
        List<String> onInvite = stack.sent.getLast().headers().all("Proxy-Authorization");
        assertThat(onInvite).hasSize(2);
        // RFC 3261 13.2.2.4: the ACK MUST contain the same Authorization/Proxy-Authorization as the INVITE
        assertThat(stack.acks).singleElement()
                .satisfies(ack -> assertThat(ack.headers().all("Proxy-Authorization")).isEqualTo(onInvite));
    }
}
