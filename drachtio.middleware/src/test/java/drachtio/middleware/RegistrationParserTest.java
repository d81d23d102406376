package drachtio.middleware;

import static drachtio.middleware.RegisterExchange.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.Middleware;
import drachtio.api.header.SipUri;
import drachtio.middleware.Registration.Binding;
import drachtio.middleware.Registration.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationParserTest {
    private final Middleware parser = RegistrationParser.builder().build();

    private Registration parsed(RegisterExchange x) throws Exception {
        parser.handle(x.req, x.res, x.next);
        assertThat(x.res.sent()).as("responses").isEmpty();
        assertThat(x.next.proceeded()).isEqualTo(1);
        return x.req.attribute(Registration.class).orElseThrow();
    }

    private static List<Integer> expiries(Registration reg) {
        return reg.contacts().stream().map(Binding::expires).toList();
    }

    @Test
    void registerWithOneContactGetsTheDefaultExpiryAndProceeds() throws Exception {
        Registration reg = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4:5060;transport=udp>"));

        assertThat(reg.kind()).isEqualTo(Kind.REGISTER);
        assertThat(reg.aor()).isEqualTo(SipUri.of("bob", "example.com"));
        assertThat(reg.callId()).isEqualTo("843817637684230@998sdasdh09");
        assertThat(reg.cseq()).isEqualTo(1826);
        assertThat(reg.wildcard()).isFalse();
        assertThat(reg.contacts()).hasSize(1);
        assertThat(reg.contacts().getFirst().uri().toString()).isEqualTo("sip:bob@192.0.2.4:5060;transport=udp");
        assertThat(reg.contacts().getFirst().expires()).isEqualTo(RegistrationParser.DEFAULT_EXPIRES).isEqualTo(3600);
    }

    @Test
    void theExpiresHeaderWinsOverTheDefault() throws Exception {
        Registration reg = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4>", "Expires: 7200"));

        assertThat(expiries(reg)).containsExactly(7200);
    }

    @Test
    void theContactParameterWinsOverTheExpiresHeader() throws Exception {
        Registration reg = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires=60", "Expires: 7200"));

        assertThat(expiries(reg)).containsExactly(60);
    }

    @Test
    void theDefaultIsConfigurable() throws Exception {
        RegisterExchange x = request("REGISTER", "Contact: <sip:bob@192.0.2.4>");
        RegistrationParser.builder().defaultExpires(120).build().handle(x.req, x.res, x.next);

        assertThat(x.next.proceeded()).isEqualTo(1);
        assertThat(expiries(x.req.attribute(Registration.class).orElseThrow())).containsExactly(120);
    }

    @Test
    void severalContactsKeepTheirOrderAndEachGetsItsOwnExpiry() throws Exception {
        Registration reg = parsed(request("REGISTER",
                "Contact: <sip:bob@192.0.2.4>;expires=30, \"Bob\" <sip:bob@198.51.100.7>",
                "m: <sip:bob@203.0.113.9;transport=tcp>;q=0.5;expires=0",
                "Expires: 900"));

        assertThat(reg.kind()).isEqualTo(Kind.REGISTER);
        assertThat(reg.contacts()).extracting(b -> b.uri().toString())
                .containsExactly("sip:bob@192.0.2.4", "sip:bob@198.51.100.7", "sip:bob@203.0.113.9;transport=tcp");
        assertThat(expiries(reg)).containsExactly(30, 900, 0);
        assertThat(reg.contacts().get(2).contact().q()).hasValue(0.5);
    }

    @Test
    void everyContactExpiringNowIsAnUnregister() throws Exception {
        Registration byHeader = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4>, <sip:bob@198.51.100.7>",
                "Expires: 0"));
        Registration byParams = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires=0",
                "Contact: <sip:bob@198.51.100.7>;expires=0", "Expires: 3600"));

        for (Registration reg : List.of(byHeader, byParams)) {
            assertThat(reg.kind()).isEqualTo(Kind.UNREGISTER);
            assertThat(reg.wildcard()).isFalse();
            assertThat(expiries(reg)).containsExactly(0, 0);
        }
    }

    @Test
    void wildcardWithExpiresZeroRemovesEveryBinding() throws Exception {
        Registration reg = parsed(request("REGISTER", "Contact: *", "Expires: 0"));

        assertThat(reg.kind()).isEqualTo(Kind.UNREGISTER);
        assertThat(reg.wildcard()).isTrue();
        assertThat(reg.contacts()).isEmpty();
        assertThat(reg.aor()).isEqualTo(SipUri.of("bob", "example.com"));
    }

    @Test
    void registerWithoutContactIsAQuery() throws Exception {
        Registration reg = parsed(request("REGISTER", "Expires: 3600"));

        assertThat(reg.kind()).isEqualTo(Kind.QUERY);
        assertThat(reg.contacts()).isEmpty();
        assertThat(reg.wildcard()).isFalse();
    }

    @Test
    void expiriesAboveTheIntRangeAreCapped() throws Exception {
        Registration reg = parsed(request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires=99999999999",
                "Contact: <sip:bob@198.51.100.7>", "Expires: 4294967296"));

        assertThat(expiries(reg)).containsExactly(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Test
    void otherMethodsPassThroughUntouchedEvenWithHeadersThatDoNotParse() throws Exception {
        RegisterExchange x = request("INVITE", "Contact: <sip:bob@", "Expires: soon");

        parser.handle(x.req, x.res, x.next);

        assertThat(x.next.proceeded()).isEqualTo(1);
        assertThat(x.res.sent()).isEmpty();
        assertThat(x.req.attributeCount()).isZero();
    }

    @Test
    void defaultExpiresMustBePositive() {
        assertThatThrownBy(() -> RegistrationParser.builder().defaultExpires(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> RegistrationParser.builder().defaultExpires(-5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
