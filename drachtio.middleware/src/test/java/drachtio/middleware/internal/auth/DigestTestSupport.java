package drachtio.middleware.internal.auth;

import drachtio.api.Middleware;
import drachtio.api.header.Challenge;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.Grammars;
import drachtio.parser.SipParser;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests, settings and exchanges shared by the digest tests. */
final class DigestTestSupport {
    static final String REALM = "example.com";
    static final Map<String, String> USERS = Map.of("alice", "secret", "bob", "hunter2");

    private DigestTestSupport() {
    }

    /** What one run of the middleware did. */
    record Exchange(FakeRequest req, FakeResponse res, FakeNext next) {
        FakeResponse.Sent reply() {
            return res.only();
        }
    }

    static DigestSettings settings(boolean proxy, List<Algorithm> algorithms, InstantSource clock, int cap) {
        return new DigestSettings(req -> REALM,
                (realm, user, alg) -> Optional.ofNullable(USERS.get(user)).map(p -> Digest.ha1(alg, user, realm, p)),
                proxy, algorithms, Duration.ofSeconds(300), clock, cap);
    }

    static SipRequest register(String... extraHeaders) {
        StringBuilder sb = new StringBuilder("""
                REGISTER sip:example.com SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1
                From: <sip:alice@example.com>;tag=a1
                To: <sip:alice@example.com>
                Call-ID: call-1@test
                CSeq: 1 REGISTER
                Max-Forwards: 70
                Contact: <sip:alice@127.0.0.1:5080>
                """);
        for (String h : extraHeaders) {
            sb.append(h).append('\n');
        }
        return FakeRequest.parseMessage(sb.append("Content-Length: 0\n\n").toString());
    }

    static SipRequest invite(String body, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("""
                INVITE sip:bob@example.com;transport=udp SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-2
                From: <sip:alice@example.com>;tag=a1
                To: <sip:bob@example.com>
                Call-ID: call-2@test
                CSeq: 7 INVITE
                Max-Forwards: 70
                Contact: <sip:alice@127.0.0.1:5080>
                Content-Type: application/sdp
                """);
        for (String h : extraHeaders) {
            sb.append(h).append('\n');
        }
        sb.append("Content-Length: ").append(body.length()).append("\n\n");
        return FakeRequest.parseMessage(sb + body);
    }

    /** Runs the middleware once on a copy of the message as it would arrive off the wire. */
    static Exchange run(Middleware mw, SipRequest message) throws Exception {
        SipRequest wire = (SipRequest) SipParser.create().parseDatagram(message.toBytes());
        FakeRequest req = new FakeRequest(wire);
        FakeResponse res = new FakeResponse(req);
        FakeNext next = new FakeNext();
        mw.handle(req, res, next);
        return new Exchange(req, res, next);
    }

    /** @return the challenge the middleware answers the request with */
    static SipResponse challenge(Middleware mw, SipRequest message) throws Exception {
        Exchange x = run(mw, message);
        if (x.next().proceeded()) {
            throw new AssertionError("expected a challenge");
        }
        return x.res().built();
    }

    static Challenge parse(String value) {
        return Grammars.CHALLENGE.parse(value);
    }

    /** Credentials computed here independently of {@link ClientDigest}. */
    static String credentials(String user, String password, String realm, String nonce, String opaque,
                              Algorithm a, String nc, String cnonce, String method, String uri) {
        String ha1 = Digest.sessionHa1(a, Digest.ha1(a, user, realm, password), nonce, cnonce);
        String ha2 = Digest.ha2(a, Qop.AUTH, method, uri, new byte[0]);
        String response = Digest.response(a, ha1, nonce, nc, cnonce, Qop.AUTH, ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + a.token() + ", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"" + (opaque == null ? "" : ", opaque=\"" + opaque + "\"");
    }
}
