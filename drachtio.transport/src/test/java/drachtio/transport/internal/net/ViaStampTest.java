package drachtio.transport.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipRequest;
import drachtio.parser.SipParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ViaStampTest {
    private static final SipParser PARSER = SipParser.create();

    private static int end(String text) {
        return ViaStamp.firstValueEnd(text.getBytes(StandardCharsets.US_ASCII), 0);
    }

    @Test
    void firstValueEndsBeforeCommaOrLineEnd() {
        assertThat(end("SIP/2.0/UDP a;branch=b\r\nTo: x")).isEqualTo(22);
        assertThat(end("SIP/2.0/UDP a;branch=b  , SIP/2.0/UDP c\r\n")).isEqualTo(22);
        assertThat(end("SIP/2.0/UDP a;x=\"q,\\\"q\",SIP/2.0/UDP c\r\n")).isEqualTo(23);
        assertThat(end("SIP/2.0/UDP a\r\n ;branch=b\r\nTo: x")).isEqualTo(25);
    }

    private static SipRequest parse(String via) {
        String text = NetFixture.request("OPTIONS", via, "st@x");
        return (SipRequest) PARSER.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsEveryOtherOctet() {
        SipRequest req = parse("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-k;rport");
        InetSocketAddress src = new InetSocketAddress(InetAddress.ofLiteral("198.51.100.9"), 40001);
        SipRequest stamped = ViaStamp.stamp(req, src, PARSER);

        String before = new String(req.toBytes(), StandardCharsets.UTF_8);
        String after = new String(stamped.toBytes(), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(before.replace(";rport\r\n", ";rport=40001;received=198.51.100.9\r\n"));
    }

    @Test
    void stampsIpv6ReceivedWithoutBrackets() {
        SipRequest req = parse("SIP/2.0/UDP [2001:db8::9];branch=z9hG4bK-6");
        InetSocketAddress src = new InetSocketAddress(InetAddress.ofLiteral("2001:db8::10"), 5060);
        var top = ViaStamp.stamp(req, src, PARSER).topVia();
        assertThat(InetAddress.ofLiteral(top.received().orElseThrow())).isEqualTo(src.getAddress());
    }

    @Test
    void returnsTheSameRequestWhenNothingChanges() {
        SipRequest req = parse("SIP/2.0/UDP [2001:db8::9]:5080;branch=z9hG4bK-6");
        InetSocketAddress src = new InetSocketAddress(InetAddress.ofLiteral("2001:db8::9"), 5080);
        assertThat(ViaStamp.stamp(req, src, PARSER)).isSameAs(req);
    }
}
