package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.SipUri;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link SipUri#equivalent}: the pairs RFC 3261 19.1.4 lists, parsed as written. */
class UriEquivalenceTest {

    private static SipUri sip(String text) {
        return Grammars.SIP_URI.parse(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
            + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
            + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void equivalentPairs(String a, String b) {
        assertThat(sip(a).equivalent(sip(b))).isTrue();
        assertThat(sip(b).equivalent(sip(a))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
        "sip:alice@atlanta.com | sips:alice@atlanta.com",
        "sip:alice@atlanta.com | sip:alice@atlanta.com;maddr=239.255.255.1",
        "sip:alice@atlanta.com;user=phone | sip:alice@atlanta.com",
    })
    void pairsThatAreNot(String a, String b) {
        assertThat(sip(a).equivalent(sip(b))).isFalse();
        assertThat(sip(b).equivalent(sip(a))).isFalse();
    }
}
