package drachtio.api.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {
    @Test
    void parametersKeepOrderCaseAndRawValues() {
        Parameters p = Parameters.of("Transport", "tcp", "lr", null, "x", "\"a \\\"b\\\"\"");
        assertThat(p.toString()).isEqualTo(";Transport=tcp;lr;x=\"a \\\"b\\\"\"");
        assertThat(p.get("transport")).contains("tcp");
        assertThat(p.contains("LR")).isTrue();
        assertThat(p.get("lr")).isEmpty();
        assertThat(p.unquoted("x")).contains("a \"b\"");
        assertThat(p.with("lr", "1").get("lr")).contains("1");
        assertThat(p.without("x").size()).isEqualTo(2);
        assertThat(p).isEqualTo(Parameters.of("transport", "tcp", "LR", null, "x", "\"a \\\"b\\\"\""));
        assertThat(p.hashCode()).isEqualTo(Parameters.of("transport", "tcp", "LR", null, "x", "\"a \\\"b\\\"\"").hashCode());
        assertThatThrownBy(() -> Parameters.of("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteAndUnquoteAreInverse() {
        for (String s : List.of("", "plain", "with \"quotes\"", "back\\slash", "bel\u0007 nul\u0000 del\u007f tab\t")) {
            assertThat(Parameters.unquote(Parameters.quote(s))).isEqualTo(s);
        }
        assertThat(Parameters.quote("a\u0007")).isEqualTo("\"a\\\u0007\"");
        assertThatThrownBy(() -> Parameters.quote("a\r\nVia: x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Address("a\nb", SipUri.of("a", "b"), Parameters.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesWriteTheirWireForm() {
        SipUri uri = new SipUri(true, "alice", "secret", "[2001:db8::1]", 5061, Parameters.of("transport", "tls"),
                Parameters.of("subject", "hi", "priority", "urgent"));
        assertThat(uri.toString()).isEqualTo("sips:alice:secret@[2001:db8::1]:5061;transport=tls?subject=hi&priority=urgent");
        assertThat(new TelUri("+1-201-555-0123", Parameters.of("ext", "7")).toString()).isEqualTo("tel:+1-201-555-0123;ext=7");
        assertThat(new AbsoluteUri("urn", "service:sos").toString()).isEqualTo("urn:service:sos");
        Address a = new Address("Alice \"A\"", SipUri.of("alice", "example.com"), Parameters.of("tag", "12"));
        assertThat(a.toString()).isEqualTo("\"Alice \\\"A\\\"\" <sip:alice@example.com>;tag=12");
        assertThat(Contact.WILDCARD.toString()).isEqualTo("*");
        assertThat(Via.of("TCP", "h.example.com", -1, "z9hG4bK1").withParameter("rport", null).toString())
                .isEqualTo("SIP/2.0/TCP h.example.com;branch=z9hG4bK1;rport");
        assertThat(new CSeq(7, "INVITE").toString()).isEqualTo("7 INVITE");
        assertThat(new ContentType("multipart", "mixed", Parameters.of("boundary", "\"b1\"")).toString())
                .isEqualTo("multipart/mixed;boundary=\"b1\"");
        assertThat(new Credentials("Digest", Parameters.of("username", "\"bob\"", "nc", "00000001")).toString())
                .isEqualTo("Digest username=\"bob\",nc=00000001");
        assertThat(new Challenge("Digest", Parameters.EMPTY).toString()).isEqualTo("Digest");
    }

    private static Contact contact(String name, String value) {
        return Contact.of(new Address(null, SipUri.of("alice", "atlanta.example.com"), Parameters.of(name, value)));
    }

    @Test
    void qReadsOnlyRfc3261QvaluesAndExpiresAndRportAnyNumberOfDigits() {
        for (String good : List.of("1", "1.", "1.000", "0", "0.5", "0.001")) {
            assertThat(contact("q", good).q()).as("q=%s", good).hasValue(Double.parseDouble(good));
        }
        for (String bad : List.of("0x1p-1", "1e0", "5E-1", ".5", "0.0001", "0.5d", "1.0f", "00.5", "1.001", "2", "")) {
            assertThat(contact("q", bad).q()).as("q=%s", bad).isEmpty();
        }
        assertThat(contact("expires", "100000000000000000000").expires()).hasValue(Integer.MAX_VALUE);
        assertThat(contact("expires", "000000000000000000000060").expires()).hasValue(60);
        Via leadingZero = Via.of("UDP", "h", 5060, "z9hG4bKx").withParameter("rport", "0000005062");
        assertThat(leadingZero.rport()).hasValue(5062);
        assertThat(Via.of("UDP", "h", 5060, "z9hG4bKx").withParameter("rport", "99999999999").rport()).isEmpty();
    }

    @Test
    void accessorsReadTheirParameters() {
        Via via = new Via("SIP", "2.0", "UDP", "h", 5060, Parameters.of("branch", "z9hG4bKx", "rport", "5062",
                "received", "192.0.2.1"));
        assertThat(via.rfc3261Branch()).isTrue();
        assertThat(via.rport()).hasValue(5062);
        assertThat(via.hasRport()).isTrue();
        assertThat(via.received()).contains("192.0.2.1");
        assertThat(via.sentBy()).isEqualTo("h:5060");
        Contact c = Contact.of(new Address(null, SipUri.of("a", "b"), Parameters.of("expires", "99999999999", "q", "0.5")));
        assertThat(c.expires()).hasValue(Integer.MAX_VALUE);
        assertThat(c.q()).hasValue(0.5);
        assertThat(Contact.of(new Address(null, SipUri.of("a", "b"), Parameters.of("expires", "x1"))).expires()).isEmpty();
        Challenge ch = new Challenge("Digest", Parameters.of("realm", "\"atlanta.com\"", "stale", "TRUE",
                "qop", "\"auth,auth-int\""));
        assertThat(ch.realm()).contains("atlanta.com");
        assertThat(ch.stale()).isTrue();
        assertThat(ch.algorithm()).isEqualTo("MD5");
        assertThat(ch.qop()).contains("auth,auth-int");
        assertThat(ContentType.of("Application", "SDP").is("application/sdp")).isTrue();
    }

    @Test
    void recordsCheckTheirParts() {
        assertThatThrownBy(() -> new SipUri(false, null, "pw", "h", -1, Parameters.EMPTY, Parameters.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SipUri(false, null, null, "h", 70000, Parameters.EMPTY, Parameters.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CSeq(-1, "INVITE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Header("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bodyPartsCompareByContent() {
        BodyPart a = new BodyPart(List.of(new Header("Content-Type", "text/plain")), new byte[] {1, 2});
        BodyPart b = new BodyPart(List.of(new Header("content-type", "text/plain")), new byte[] {1, 2});
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isEqualTo(new BodyPart(List.of(new Header("Content-Type", "text/plain")), new byte[] {1, 2}));
        assertThat(b.contentType()).contains("text/plain");
    }
}
