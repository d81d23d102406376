package drachtio.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Address;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.TelUri;
import drachtio.api.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {
    private static SipRequest invite() {
        return SipRequest.builder(Method.INVITE, SipUri.of("bob", "biloxi.example.com"))
                .header("Via", Via.of("UDP", "pc33.atlanta.example.com", 5060, "z9hG4bK776asdhds"))
                .header("Max-Forwards", 70)
                .header("To", Address.of(SipUri.of("bob", "biloxi.example.com")))
                .header("From", Address.of(SipUri.of("alice", "atlanta.example.com")).withTag("1928301774"))
                .header("Call-ID", "a84b4c76e66710@pc33.atlanta.example.com")
                .header("CSeq", "314159 INVITE")
                .header("Timestamp", "54")
                .header("x-Case-Kept", "yes")
                .body("application/sdp", "v=0\r\n")
                .build();
    }

    @Test
    void encodesStartLineHeadersAndComputedContentLength() {
        String wire = new String(invite().toBytes(), StandardCharsets.UTF_8);
        assertThat(wire).startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\n");
        assertThat(wire).contains("\r\nx-Case-Kept: yes\r\n");
        assertThat(wire).endsWith("Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n");
    }

    @Test
    void aRequestUriThatIsNotWireTextIsRefusedWhereverItWasMade() {
        SipUri bob = SipUri.of("bob", "biloxi.example.com");
        List<Supplier<drachtio.api.header.Uri>> notWireText = List.of(
                () -> new SipUri(false, "bob", null, "biloxi.example.com\r\nX-Evil: 1", -1, Parameters.EMPTY,
                        Parameters.EMPTY),
                () -> new SipUri(false, "carol@home", null, "biloxi.example.com", -1, Parameters.EMPTY, Parameters.EMPTY),
                () -> new SipUri(false, "bob", null, "biloxi.example.com", -1, Parameters.of("x", "a;b"), Parameters.EMPTY),
                () -> new SipUri(false, "bob", null, "biloxi.example.com", -1, Parameters.EMPTY,
                        Parameters.of("subject", "a b")),
                () -> new SipUri(false, "bob%4", null, "biloxi.example.com", -1, Parameters.EMPTY, Parameters.EMPTY),
                () -> new AbsoluteUri("urn", "x\r\nX-Evil: 1"),
                () -> new TelUri("+1 555", Parameters.EMPTY));
        for (Supplier<drachtio.api.header.Uri> uri : notWireText) {
            assertThatThrownBy(() -> SipRequest.builder(Method.OPTIONS, uri.get()).header("Call-ID", "a@b").build())
                    .as(uri.get().toString()).isInstanceOf(IllegalArgumentException.class);
        }
        // the factories refuse at once
        assertThatThrownBy(() -> SipUri.of("bob smith", "biloxi.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user");
        assertThatThrownBy(() -> bob.withParameter("x", "1\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+000D");
        // escaped, bracketed and underscored forms are wire text
        for (SipUri fine : List.of(SipUri.of("carol%40home", "biloxi.example.com"), SipUri.of(null, "[2001:db8::1]"),
                SipUri.of("bob", "my_host.example.com").withParameter("x", "a%3Bb"),
                new SipUri(true, "+1-555;phone-context=x", "p&w", "192.0.2.1", 5061, Parameters.of("lr", null),
                        Parameters.of("subject", "a%20b")))) {
            assertThat(SipRequest.builder(Method.OPTIONS, fine).build().uri()).isEqualTo(fine);
        }
    }

    @Test
    void aControlCharacterGoesOutOnlyAsAQuotedPair() {
        SipRequest req = invite();

        assertThatThrownBy(() -> SipRequest.builder(Method.OPTIONS, SipUri.of(null, "example.com"))
                .header("Subject", "a\u0000b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> SipResponse.replyTo(req, 200).reason("O\u0001K"))
                .isInstanceOf(IllegalArgumentException.class);
        SipRequest quoted = SipRequest.builder(Method.OPTIONS, SipUri.of(null, "example.com"))
                .header("Subject", "\"bell \\\u0007\"").build();
        assertThat(quoted.header("Subject")).contains("\"bell \\\u0007\"");
        assertThat(SipResponse.replyTo(req, 200).reason("O\tK").build().reason()).isEqualTo("O\tK");
    }

    @Test
    void ignoresAContentLengthTheCallerSets() {
        SipRequest r = SipRequest.builder(Method.OPTIONS, SipUri.of(null, "example.com"))
                .header("Content-Length", "999").header("l", "7").build();
        assertThat(r.headers().all("Content-Length")).containsExactly("0");
    }

    @Test
    void responseToARequestCopiesTheRfc3261HeadersOnly() {
        SipResponse r = SipResponse.replyTo(invite(), 180).build();
        assertThat(r.statusLine()).isEqualTo("SIP/2.0 180 Ringing");
        assertThat(r.headers().toList()).extracting(h -> h.name())
                .containsExactly("Via", "To", "From", "Call-ID", "CSeq", "Content-Length");
        assertThat(SipResponse.replyTo(invite(), 100).build().header("Timestamp")).contains("54");
    }

    @Test
    void reasonPhraseDefaultsByStatusAndCanBeSet() {
        assertThat(SipResponse.builder(486).build().reason()).isEqualTo("Busy Here");
        assertThat(SipResponse.builder(499).build().reason()).isEqualTo("Client Error");
        assertThat(SipResponse.builder(200).reason("Fine").build().statusLine()).isEqualTo("SIP/2.0 200 Fine");
    }

    @Test
    void refusesHeaderInjectionAndBadNames() {
        SipRequest.Builder b = SipRequest.builder(Method.OPTIONS, SipUri.of(null, "example.com"));
        assertThatThrownBy(() -> b.header("Subject", "hi\r\nVia: evil"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.header("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(200).reason("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(700)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setAndRemoveHeaderMatchCompactForms() {
        SipRequest r = SipRequest.builder(Method.MESSAGE, SipUri.of("a", "b"))
                .header("f", "<sip:x@y>").setHeader("From", "<sip:z@w>").header("Subject", "s")
                .removeHeader("s").build();
        assertThat(r.headers().all("From")).containsExactly("<sip:z@w>");
        assertThat(r.header("Subject")).isEmpty();
    }

    @Test
    void bodyIsCopiedInAndOut() {
        byte[] content = {1, 2, 3};
        SipRequest r = SipRequest.builder(Method.INFO, SipUri.of("a", "b")).body("application/octet-stream", content).build();
        content[0] = 9;
        assertThat(r.body()).containsExactly(1, 2, 3);
        r.body()[1] = 9;
        assertThat(r.body()).containsExactly(1, 2, 3);
        assertThat(r.bodyLength()).isEqualTo(3);
    }

    @Test
    void methodsAreTokensAndKnownOnesAreShared() {
        assertThat(Method.of("INVITE")).isSameAs(Method.INVITE);
        assertThat(Method.of("FOO").known()).isFalse();
        assertThat(Method.of("FOO")).isEqualTo(new Method("FOO"));
        assertThatThrownBy(() -> Method.of("IN VITE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Method.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedAccessOfAMissingMandatoryHeaderIsAParseError() {
        SipRequest r = SipRequest.builder(Method.OPTIONS, SipUri.of(null, "example.com")).build();
        assertThatThrownBy(r::callId).isInstanceOf(SipParseException.class).hasMessage("missing Call-ID header");
    }

    @Test
    void toBuilderCopiesAndHeaderFirstPrepends() {
        SipRequest original = invite();
        SipRequest copy = original.toBuilder().headerFirst("Via", "SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp").build();
        assertThat(copy.headers().all("Via")).containsExactly("SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp",
                "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds");
        assertThat(copy.bodyText()).isEqualTo("v=0\r\n");
        assertThat(copy.headers().all("Content-Length")).containsExactly("5");
        assertThat(copy.headers().size()).isEqualTo(original.headers().size() + 1);
        SipResponse ok = SipResponse.replyTo(original, 200).reason("Fine").build();
        assertThat(ok.toBuilder().header("Contact", "<sip:b@c>").build().statusLine()).isEqualTo("SIP/2.0 200 Fine");
    }
}
