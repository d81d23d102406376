package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.Parameters;
import drachtio.api.header.Via;
import drachtio.api.message.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViaGrammarTest {

    @Test
    void parsesPlainVia() {
        Via v = ViaGrammar.via("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport");
        assertThat(v).isEqualTo(new Via("SIP", "2.0", "UDP", "pc33.atlanta.example.com", 5060,
                Parameters.of("branch", "z9hG4bK776asdhds", "rport", null)));
        assertThat(v.rfc3261Branch()).isTrue();
        assertThat(v.hasRport()).isTrue();
        assertThat(v.rport()).isEmpty();
    }

    @Test
    void toleratesWhitespaceAroundSlashes() {
        // RFC 4475 wsinv
        Via v = ViaGrammar.via("SIP  /   2.0 /UDP    192.0.2.2;branch=390skdjuw");
        assertThat(v.protocolName()).isEqualTo("SIP");
        assertThat(v.protocolVersion()).isEqualTo("2.0");
        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("192.0.2.2");
        assertThat(v.branch()).contains("390skdjuw");
    }

    @Test
    void parsesTwoViasOnOneLineWithWhitespaceEverywhere() {
        // RFC 4475 wsinv v: (unfolded)
        List<Via> v = ViaGrammar.vias("SIP  / 2.0  / TCP     spindle.example.com   ;  branch  =   z9hG4bK9ikj8  ,"
                + "  SIP  /    2.0   / UDP  192.168.255.111   ; branch= z9hG4bK30239");
        assertThat(v).hasSize(2);
        assertThat(v.get(0).transport()).isEqualTo("TCP");
        assertThat(v.get(0).host()).isEqualTo("spindle.example.com");
        assertThat(v.get(0).branch()).contains("z9hG4bK9ikj8");
        assertThat(v.get(1).host()).isEqualTo("192.168.255.111");
        assertThat(v.get(1).branch()).contains("z9hG4bK30239");
    }

    @Test
    void keepsIpv6SentByAndReceivedWithOrWithoutBrackets() {
        // RFC 5118 4.5, 4.7, 4.9
        Via a = ViaGrammar.via("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111");
        assertThat(a.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(a.port()).isEqualTo(-1);
        assertThat(a.received()).contains("[2001:db8::9:255]");
        Via b = ViaGrammar.via("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3");
        assertThat(b.received()).contains("2001:db8::9:255");
        Via c = ViaGrammar.via("SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19");
        assertThat(c.host()).isEqualTo("[::ffff:192.0.2.10]");
        assertThat(c.port()).isEqualTo(19823);
        Via d = ViaGrammar.via("SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111");
        assertThat(d.port()).isEqualTo(6050);
    }

    @Test
    void keepsUnknownTransportsAndRportValue() {
        // RFC 4475 transports
        assertThat(ViaGrammar.via("SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en").transport()).isEqualTo("UNKNOWN");
        assertThat(ViaGrammar.via("SIP/2.0/UDP h;rport=5061;received=192.0.2.1").rport()).hasValue(5061);
    }

    @Test
    void toleratesWhitespaceAroundPortColon() {
        assertThat(ViaGrammar.via("SIP/2.0/UDP h : 5060").port()).isEqualTo(5060);
    }

    @Test
    void keepsBranchWithPercent() {
        // RFC 4475 esc02
        assertThat(ViaGrammar.via("SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234").branch())
                .contains("z9hG4bK209%fzsnel234");
    }

    @Test
    void rejectsMalformedVias() {
        for (String bad : List.of("", "SIP/2.0/UDP", "SIP/2.0 h", "SIP/2.0/UDP h:", "SIP/2.0/UDP h:70000",
                "SIP/2.0/UDPh", "SIP/2.0/UDP h;", "SIP/2.0/UDP h;branch=", "SIP/2.0/UDP 2001:db8::1",
                "SIP/2.0/UDP h,", "SIP/2.0/UDP [::1", "SIP/2.0/UDP h x")) {
            assertThatThrownBy(() -> ViaGrammar.vias(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
    }

    @Test
    void singleViaRejectsLists() {
        assertThatThrownBy(() -> ViaGrammar.via("SIP/2.0/UDP a, SIP/2.0/UDP b")).isInstanceOf(SipParseException.class);
    }
}
