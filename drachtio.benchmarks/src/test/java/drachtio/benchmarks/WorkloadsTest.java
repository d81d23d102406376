package drachtio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.ContentType;
import drachtio.api.header.Credentials;
import drachtio.api.header.SipUri;
import drachtio.api.header.Via;
import drachtio.api.message.Method;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each benchmark body once per message and checks what it read, so a benchmark can never
 * quietly time a parse that fails or returns the wrong values.
 */
class WorkloadsTest {

    /** Records what a workload consumed; ints arrive widened to {@code long}. */
    static final class Recording implements Sink {
        final List<Object> values = new ArrayList<>();

        @Override
        public void consume(Object value) {
            values.add(value);
        }

        @Override
        public void consume(long value) {
            values.add(value);
        }

        <T> List<T> of(Class<T> type) {
            return values.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static Recording proxy(String name) {
        Recording r = new Recording();
        Workloads.drachtioProxy(Messages.bytes(name), r);
        return r;
    }

    private static Recording full(String name) {
        Recording r = new Recording();
        Workloads.drachtioFull(Messages.bytes(name), r);
        return r;
    }

    private static Recording jain(String name) throws Exception {
        Recording r = new Recording();
        Workloads.jainSip(Messages.bytes(name), r);
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"invite", "ok200", "register", "options"})
    void everyMessageIsCrlfFramedWithAnExactContentLength(String name) {
        String text = new String(Messages.bytes(name), StandardCharsets.US_ASCII);
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        int blank = text.indexOf("\r\n\r\n");
        assertThat(blank).isPositive();
        int at = text.indexOf("\r\nContent-Length: ") + "\r\nContent-Length: ".length();
        assertThat(at).isLessThan(blank);
        int declared = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
        assertThat(text.length() - (blank + 4)).isEqualTo(declared);
    }

    @Test
    void inviteIsAboutNineHundredOctetsWithAThreeHundredOctetSdp() {
        assertThat(Messages.bytes("invite")).hasSizeBetween(850, 1000);
        String text = Messages.INVITE;
        assertThat(text.length() - (text.indexOf("\r\n\r\n") + 4)).isBetween(280, 340);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invite", "ok200", "register", "options"})
    void drachtioProxyModeReadsTheSameDialogValuesAsJainSip(String name) throws Exception {
        SIPMessage m = new StringMsgParser().parseSIPMessage(Messages.bytes(name), true, false, null);
        assertThat(proxy(name).values).containsExactly(m.getTopmostVia().getBranch(), m.getFrom().getTag(),
                m.getTo().getTag(), m.getCallId().getCallId(), m.getCSeq().getSeqNumber(), m.getCSeq().getMethod());
    }

    @Test
    void proxyModeReadsTheInviteDialogValues() {
        assertThat(proxy("invite").values).containsExactly(
                "z9hG4bK776asdhds", "1928301774", null, "a84b4c76e66710@pc33.atlanta.example.com", 314159L, "INVITE");
    }

    @Test
    void proxyModeReadsTheTopViaAndBothTagsOfTheResponse() {
        assertThat(proxy("ok200").values).containsExactly(
                "z9hG4bKnashds8", "1928301774", "a6c85cf", "a84b4c76e66710@pc33.atlanta.example.com", 314159L, "INVITE");
    }

    @Test
    void fullParseOfTheInviteTypesEveryKnownHeaderAndKeepsTheRestAsText() {
        Recording r = full("invite");
        assertThat(r.values.get(0)).isEqualTo(Method.INVITE);
        assertThat(r.values.get(1)).hasToString("sip:bob@biloxi.example.com");
        List<Via> vias = r.of(Via.class);
        assertThat(vias).singleElement().satisfies(v -> {
            assertThat(v.host()).isEqualTo("pc33.atlanta.example.com");
            assertThat(v.port()).isEqualTo(5060);
            assertThat(v.hasRport()).isTrue();
        });
        List<Address> addresses = r.of(Address.class);
        assertThat(addresses).hasSize(2);
        assertThat(addresses.get(0).displayName()).isEqualTo("Alice Liddell");
        assertThat(addresses.get(1).displayName()).isEqualTo("Bob");
        assertThat(r.of(Contact.class)).singleElement()
                .satisfies(c -> assertThat(((SipUri) c.uri().orElseThrow()).port()).isEqualTo(5060));
        assertThat(r.of(ContentType.class)).singleElement()
                .satisfies(ct -> assertThat(ct.is("application/sdp")).isTrue());
        assertThat(r.values).contains("z9hG4bK776asdhds", "1928301774", "a84b4c76e66710@pc33.atlanta.example.com",
                314159L, "INVITE", 70L,
                "INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, UPDATE, PRACK",
                "replaces, timer, 100rel", "drachtio-bench/1.0 (softphone)");
        // Content-Length header and body size, both 316; no Expires
        assertThat(r.values.stream().filter(v -> Long.valueOf(316).equals(v))).hasSize(2);
        assertThat(r.values).contains(-1L);
        assertThat(r.of(Credentials.class)).isEmpty();
    }

    @Test
    void fullParseOfTheResponseReadsBothViasAndBothRecordRoutes() {
        Recording r = full("ok200");
        assertThat(r.values.get(0)).isEqualTo(200L);
        assertThat(r.values.get(1)).isEqualTo("OK");
        assertThat(r.of(Via.class)).extracting(Via::host)
                .containsExactly("server10.biloxi.example.com", "pc33.atlanta.example.com");
        assertThat(r.of(Via.class).get(1).rport()).hasValue(5060);
        List<Address> addresses = r.of(Address.class);
        // From, To, then the two Record-Route entries
        assertThat(addresses).hasSize(4);
        assertThat(addresses.subList(2, 4)).allSatisfy(a -> assertThat(((SipUri) a.uri()).lr()).isTrue());
        assertThat(r.values).contains("a6c85cf", "z9hG4bKnashds8");
    }

    @Test
    void fullParseOfTheRegisterTypesTheDigestCredentials() {
        Recording r = full("register");
        assertThat(r.of(Credentials.class)).singleElement().satisfies(c -> {
            assertThat(c.digest()).isTrue();
            assertThat(c.username()).hasValue("bob");
            assertThat(c.realm()).hasValue("biloxi.example.com");
            assertThat(c.nonce()).hasValue("dcd98b7102dd2f0e8b11d0f600bfb0c093");
            assertThat(c.uri()).hasValue("sip:registrar.biloxi.example.com");
            assertThat(c.response()).hasValue("6629fae49393a05397450978507c4ef1");
            assertThat(c.algorithm()).isEqualTo("MD5");
            assertThat(c.param("qop")).hasValue("auth");
            assertThat(c.param("nc")).hasValue("00000001");
            assertThat(c.param("cnonce")).hasValue("0a4f113b");
        });
        assertThat(r.of(Contact.class)).singleElement().satisfies(c -> assertThat(c.expires()).hasValue(3600));
        assertThat(r.values).contains(7200L, 1827L, "REGISTER");
    }

    @Test
    void fullParseOfTheOptionsKeepsAcceptAsText() {
        Recording r = full("options");
        assertThat(r.values.get(0)).isEqualTo(Method.OPTIONS);
        assertThat(r.values).contains("application/sdp", 63104L, "z9hG4bKhjhs8ass877");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invite", "ok200", "register", "options"})
    void jainSipWorkloadReadsTheDialogValuesAndTheBodySize(String name) throws Exception {
        List<Object> values = jain(name).values;
        SIPMessage m = new StringMsgParser().parseSIPMessage(Messages.bytes(name), true, false, null);
        String text = new String(Messages.bytes(name), StandardCharsets.US_ASCII);
        long body = text.length() - (text.indexOf("\r\n\r\n") + 4);
        assertThat(values.getLast()).isEqualTo(body);
        assertThat(values).contains(m.getTopmostVia().getBranch(), m.getFrom().getTag(), m.getCallId().getCallId(),
                m.getCSeq().getSeqNumber(), m.getCSeq().getMethod());
        assertThat(m.getTopmostVia().getBranch()).startsWith("z9hG4bK");
        assertThat(m.getFrom().getTag()).isEqualTo(name.equals("register") ? "456248" : "1928301774");
    }
}
