package drachtio.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.header.SipUri;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code drachtio serve}'s registrar against RFC 3261 10.3, driven by an App's UAC on 127.0.0.1. */
class ServeRegistrarTest {
    private SipServer server;
    private App client;
    private String registrar;

    @BeforeEach
    void start() {
        server = SipServer.start(new ServeConfig(List.of(Listen.udp("127.0.0.1", 0)), "drachtio",
                Map.of("alice", "secret", "bob", "hunter2"), List.of("SHA-256", "MD5")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        registrar = "127.0.0.1:" + server.listening().getFirst().port();
        client = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(100)).build());
        client.listen(Listen.udp("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private SipResponse register(String user, String password, String aorUser, Parts parts) {
        return client.uac().withLogin(Login.of(user, password)).withTimeout(Duration.ofSeconds(5))
                .register("sip:" + aorUser + "@" + registrar, parts);
    }

    /** RFC 3261 10.3 step 7: same Call-ID, lower CSeq: the update MUST be aborted and the request fails. */
    @Test
    void anOlderRequestOfTheSameCallIdDoesNotRemoveANewerBinding() {
        Parts newer = Parts.header("Call-ID", "step7@test").with("CSeq", "10 REGISTER")
                .with("Contact", "<sip:alice@10.0.0.1:5060>").with("Expires", "3600");
        Parts older = Parts.header("Call-ID", "step7@test").with("CSeq", "5 REGISTER")
                .with("Contact", "<sip:alice@10.0.0.1:5060>").with("Expires", "0");

        assertThat(register("alice", "secret", "alice", newer).status()).isEqualTo(200);   // CSeq 10 -> 11 after 401
        SipResponse late = register("alice", "secret", "alice", older);                   // CSeq 5 -> 6 after 401

        assertThat(server.bindings().lookup(SipUri.of("alice", "127.0.0.1"), Instant.now()))
                .as("binding of CSeq 11 after a late CSeq 6 of the same Call-ID (answered %s)", late.status())
                .hasSize(1);
        assertThat(late.status()).isEqualTo(500);
        // another Call-ID is another client's view: its CSeq is not compared, the binding goes
        Parts other = Parts.header("Call-ID", "other@test").with("CSeq", "1 REGISTER")
                .with("Contact", "<sip:alice@10.0.0.1:5060>").with("Expires", "0");
        assertThat(register("alice", "secret", "alice", other).status()).isEqualTo(200);
        assertThat(server.bindings().lookup(SipUri.of("alice", "127.0.0.1"), Instant.now())).isEmpty();
    }

    /** RFC 3261 10.3 step 5: escaped characters MUST be converted to their unescaped form. */
    @Test
    void anEscapedAddressOfRecordIsTheSameRecord() {
        assertThat(register("alice", "secret", "%61lice", Parts.header("Contact", "<sip:alice@10.0.0.1:5060>"))
                .status()).isEqualTo(200);

        assertThat(server.bindings().lookup(SipUri.of("alice", "127.0.0.1"), Instant.now())).hasSize(1);
    }

    /** RFC 3261 10.3 step 7: whether a binding exists is decided with the URI comparison rules (19.1.4). */
    @Test
    void aContactDifferingOnlyInHostCaseIsTheSameBinding() {
        register("alice", "secret", "alice", Parts.header("Contact", "<sip:alice@Host.Example.COM:5060>"));
        SipResponse removed = register("alice", "secret", "alice",
                Parts.header("Contact", "<sip:alice@host.example.com:5060>;expires=0"));

        assertThat(removed.status()).isEqualTo(200);
        assertThat(server.bindings().lookup(SipUri.of("alice", "127.0.0.1"), Instant.now())).isEmpty();
    }

    /** RFC 3261 10.3 step 3: a user not authorized for the address-of-record gets 403. */
    @Test
    void aUserCannotRegisterSomeoneElsesAddressOfRecord() {
        SipResponse r = register("alice", "secret", "bob", Parts.header("Contact", "<sip:mallory@10.6.6.6:5060>"));

        assertThat(server.bindings().lookup(SipUri.of("bob", "127.0.0.1"), Instant.now())).isEmpty();
        assertThat(r.status()).isEqualTo(403);
    }
}
