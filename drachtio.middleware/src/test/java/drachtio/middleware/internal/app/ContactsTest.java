package drachtio.middleware.internal.app;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Parts;
import drachtio.api.spi.StackConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our Contact names one of our listeners (RFC 3261 8.1.1.8, 12.1.1): the one the request came
 * in on, else one of the transport in use and of the family the peer was reached over. The IPv6
 * cases run over ::1, which this machine has, and are skipped where there is none.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContactsTest {
    private final App app = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(50)).build());

    /** The IPv6 cases run where the machine has an IPv6 loopback (this one has). */
    private static void assumeIpv6() {
        boolean available;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            available = true;
        } catch (java.io.IOException e) {
            available = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(available, "no IPv6 loopback here");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static String recv(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    private static String header(String msg, String name) {
        return msg.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1)).findFirst()
                .map(l -> l.substring(name.length() + 1).strip()).orElse(null);
    }

    /** An App on IPv4 and IPv6 calling an IPv6 peer names its IPv6 listener. */
    @Test
    void uacContactFollowsTheTargetsAddressFamily() throws Exception {
        assumeIpv6();
        app.listen(Listen.udp("127.0.0.1", 0), Listen.udp("::1", 0));
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(3000);
            Thread.ofVirtual().start(() -> app.uac().withTimeout(Duration.ofSeconds(2))
                    .invite("sip:bob@[::1]:" + peer.getLocalPort(), Parts.NONE));
            String invite = recv(peer);

            assertThat(header(invite, "Via")).contains("[::1]");
            assertThat(header(invite, "Contact")).as("Contact of an INVITE sent over IPv6").contains("@[");
        }
    }

    /** An App on the IPv6 wildcard answering an IPv6 caller names the address it reaches the caller from. */
    @Test
    void uasContactOnAWildcardListenerIsReachableOverTheCallersFamily() throws Exception {
        assumeIpv6();
        app.listen(Listen.udp("::", 0));
        app.invite((req, res) -> res.send(200, Parts.body("application/sdp", "v=0\r\n")));
        int port = app.listening().getFirst().port();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(3000);
            String inv = "INVITE sip:bob@[::1]:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP [::1]:" + peer.getLocalPort() + ";branch=z9hG4bK-w6\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@[::1]>;tag=a1\r\nTo: <sip:bob@[::1]>\r\nCall-ID: w6\r\n"
                    + "CSeq: 1 INVITE\r\nContact: <sip:a@[::1]:" + peer.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] b = inv.getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(b, b.length, new InetSocketAddress("::1", port)));
            String ok;
            do {
                ok = recv(peer);
            } while (!ok.startsWith("SIP/2.0 200"));

            assertThat(header(ok, "Contact")).as("Contact of a 2xx to an IPv6 caller").contains("@[");
        }
    }

    /**
     * A peer sends an INVITE over the TCP connection our App opened to it (connection reuse): the
     * 2xx's Contact must name our TCP listener, not the connection's ephemeral local port.
     */
    @Test
    void uasContactOverAConnectionWeOpenedNamesTheListener() throws Exception {
        assumeIpv6();
        app.listen(Listen.tcp("::1", 0));
        app.invite((req, res) -> res.send(200, Parts.body("application/sdp", "v=0\r\n")));
        int listener = app.listening().getFirst().port();
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 5, java.net.InetAddress.ofLiteral("::1"))) {
            Thread.ofVirtual().start(() -> app.uac().withTimeout(Duration.ofSeconds(3))
                    .options("sip:bob@[::1]:" + ss.getLocalPort() + ";transport=tcp"));
            try (java.net.Socket s = ss.accept()) {
                s.setSoTimeout(3000);
                String options = readMessage(s);
                String via = header(options, "Via");
                var w = s.getOutputStream();
                w.write(("SIP/2.0 200 OK\r\nVia: " + via + "\r\nFrom: " + header(options, "From") + "\r\nTo: "
                        + header(options, "To") + ";tag=p1\r\nCall-ID: " + header(options, "Call-ID") + "\r\nCSeq: "
                        + header(options, "CSeq") + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                w.write(("INVITE sip:drachtio@[::1]:" + listener + ";transport=tcp SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP [::1]:" + ss.getLocalPort() + ";branch=z9hG4bK-reuse\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:a@[::1]>;tag=a1\r\nTo: <sip:drachtio@[::1]>\r\n"
                        + "Call-ID: reuse\r\nCSeq: 1 INVITE\r\nContact: <sip:a@[::1]:" + ss.getLocalPort()
                        + ";transport=tcp>\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                w.flush();
                String ok;
                do {
                    ok = readMessage(s);
                } while (!ok.startsWith("SIP/2.0 200"));

                assertThat(header(ok, "Contact")).as("Contact of the 2xx; our TCP listener is port %d", listener)
                        .contains(":" + listener + ";transport=tcp");
            }
        }
    }

    private static String readMessage(java.net.Socket s) throws Exception {
        var in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.IOException("closed after: " + head);
            }
            if (head.isEmpty() && (c == '\r' || c == '\n')) {
                continue;
            }
            head.append((char) c);
        }
        int length = Integer.parseInt(header(head.toString(), "Content-Length"));
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void contactNamesTheListenerTheInviteArrivedOn() throws Exception {
        app.listen(Listen.udp("127.0.0.1", 0), Listen.udp("127.0.0.1", 0));
        app.invite((req, res) -> res.send(200, Parts.body("application/sdp", "v=0\r\n")));
        int second = app.listening().get(1).port();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(3000);
            String inv = "INVITE sip:bob@127.0.0.1:" + second + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.getLocalPort() + ";branch=z9hG4bK-two\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=a1\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: two\r\n"
                    + "CSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:" + peer.getLocalPort() + ">\r\nContent-Length: 0\r\n\r\n";
            byte[] b = inv.getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", second)));
            String ok;
            do {
                ok = recv(peer);
            } while (!ok.startsWith("SIP/2.0 200"));

            assertThat(header(ok, "Contact")).isEqualTo("<sip:drachtio@127.0.0.1:" + second + ">");
        }
    }

    @Test
    void aWildcardListenerCallingAHostNameNamesTheHostsAddress() throws Exception {
        // no address of the peer to route toward: the host's own, as InetAddress.getLocalHost() says
        String contact = Contacts.of(java.util.List.of(Listen.udp("0.0.0.0", 5060)), "UDP", null, null, 5060);

        assertThat(contact).isEqualTo("<sip:drachtio@" + java.net.InetAddress.getLocalHost().getHostAddress() + ":5060>");
    }
}
