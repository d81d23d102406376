package drachtio.transport.internal.net;

import static drachtio.transport.internal.net.NetFixture.readMessage;
import static drachtio.transport.internal.net.NetFixture.receive;
import static drachtio.transport.internal.net.NetFixture.request;
import static drachtio.transport.internal.net.NetFixture.sendTo;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.transport.internal.NewRequestGate;
import drachtio.transport.internal.net.NetCounters.Drop;
import drachtio.transport.internal.net.NetFixture.Running;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NewRequestGateTest {
    private final NetFixture fx = new NetFixture();
    private final AtomicInteger asked = new AtomicInteger();
    /** Turns every new request away and counts how often it was asked. */
    private final NewRequestGate closed = new NewRequestGate() {
        @Override
        public boolean letsAllIn() {
            return false;
        }

        @Override
        public boolean admit() {
            asked.incrementAndGet();
            return false;
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private static String via(int port, String branch) {
        return "SIP/2.0/UDP 127.0.0.1:" + port + ";branch=" + branch;
    }

    @Test
    void aClosedGateAnswersNewDatagramRequests503UnparsedAndLetsTheRestThrough() throws Exception {
        Running b = fx.start(fx.config(c -> { }), m -> { }, closed);
        DatagramSocket peer = fx.udpPeer();
        int port = peer.getLocalPort();
        sendTo(peer, b.udp(), request("INVITE", via(port, "z9hG4bK-new"), "new1"));
        String busy = receive(peer);
        assertThat(busy).startsWith("SIP/2.0 503 ").contains("Retry-After: 5").contains("Call-ID: new1");
        assertThat(asked.get()).isEqualTo(1);

        String bye = request("BYE", via(port, "z9hG4bK-bye"), "up1")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1");
        sendTo(peer, b.udp(), bye);
        sendTo(peer, b.udp(), request("ACK", via(port, "z9hG4bK-ack"), "up2"));
        sendTo(peer, b.udp(), request("CANCEL", via(port, "z9hG4bK-new"), "new2"));
        assertThat(b.next().message().callId()).isEqualTo("up1");
        assertThat(b.next().message().callId()).isEqualTo("up2");
        assertThat(b.next().message().callId()).isEqualTo("new2");
        assertThat(b.inbox().poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(asked.get()).as("only the INVITE was put to the gate").isEqualTo(1);
        assertThat(b.net().counters().dropped(Drop.OVERLOAD)).isEqualTo(1);
    }

    @Test
    void aClosedGateAnswersNewStreamRequests503OnTheirConnection() throws Exception {
        Running b = fx.start(fx.config(c -> { }), m -> { }, closed);
        Socket s = fx.tcpPeer(b.tcp());
        OutputStream out = s.getOutputStream();
        out.write(request("REGISTER", "SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK-r", "reg1")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        String busy = readMessage(s);
        assertThat(busy).startsWith("SIP/2.0 503 ").contains("Retry-After: 5").contains("Call-ID: reg1");
        String info = request("INFO", "SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK-i", "up3")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1");
        out.write(info.getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(b.next().message().callId()).isEqualTo("up3");
        assertThat(b.net().counters().dropped(Drop.OVERLOAD)).isEqualTo(1);
    }

    @Test
    void anOpenGateIsNeverAsked() throws Exception {
        NewRequestGate open = new NewRequestGate() {
            @Override
            public boolean letsAllIn() {
                return true;
            }

            @Override
            public boolean admit() {
                asked.incrementAndGet();
                return false;
            }
        };
        Running b = fx.start(fx.config(c -> { }), m -> { }, open);
        DatagramSocket peer = fx.udpPeer();
        sendTo(peer, b.udp(), request("INVITE", via(peer.getLocalPort(), "z9hG4bK-x"), "fine"));
        assertThat(b.next().message().callId()).isEqualTo("fine");
        assertThat(asked.get()).isZero();
    }

    /**
     * RFC 3261 18.2.2, RFC 3581 4: the 503 of a shed datagram goes to the source address, at the
     * source port with rport and at the sent-by port without; a maddr is not followed in a flood.
     */
    @Test
    void aShedDatagramRequestIs503dToTheSourceWithRportElseToItsSentByPortNeverToAMaddr() throws Exception {
        Running b = fx.start(fx.config(c -> { }), m -> { }, closed);
        DatagramSocket sender = fx.udpPeer();
        DatagramSocket sentBy = fx.udpPeer();
        String via = via(sentBy.getLocalPort(), "z9hG4bK-sb");

        sendTo(sender, b.udp(), request("INVITE", via, "sentby1"));
        assertThat(receive(sentBy)).startsWith("SIP/2.0 503 ").contains("Call-ID: sentby1");
        sendTo(sender, b.udp(), request("INVITE", via + ";rport", "rport1"));
        assertThat(receive(sender)).startsWith("SIP/2.0 503 ").contains("Call-ID: rport1");
        sendTo(sender, b.udp(), request("INVITE", via + ";maddr=192.0.2.99", "maddr1"));
        assertThat(receive(sentBy)).startsWith("SIP/2.0 503 ").contains("Call-ID: maddr1");
    }

    /** RFC 3261 8.2.6.2: the 503 of a shed stream request must carry a To tag, as the datagram one does. */
    @Test
    void aShedStreamRequests503CarriesAToTag() throws Exception {
        Running b = fx.start(fx.config(c -> { }), m -> { }, closed);
        Socket s = fx.tcpPeer(b.tcp());
        s.getOutputStream().write(request("INVITE", "SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bK-tt", "tag1")
                .getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        String busy = readMessage(s);

        assertThat(busy).startsWith("SIP/2.0 503 ").containsPattern("(?m)^To: .*;tag=");
    }
}
