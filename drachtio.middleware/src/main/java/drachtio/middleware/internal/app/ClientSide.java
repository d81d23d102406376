package drachtio.middleware.internal.app;

import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.Uac;
import drachtio.api.header.Header;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;
import drachtio.api.message.HeaderNames;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.SipStack;
import drachtio.dialog.Challenges;
import drachtio.dialog.DialogLayer;
import drachtio.middleware.internal.auth.ClientDigest;
import drachtio.parser.Grammars;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Uac}: builds requests with the App's defaults and waits for their final response. */
final class ClientSide implements Uac {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSide.class);
    private static final Set<Method> DIALOG_CREATING = Set.of(Method.INVITE, Method.REGISTER, Method.SUBSCRIBE, Method.REFER);
    private static final String DEFAULT_REGISTRATION_SECONDS = "3600";

    private final SipStack stack;
    private final DialogLayer dialogs;
    private final List<Listen> bound;
    private final Function<String, Optional<Login>> logins;
    private final Consumer<SipResponse> provisional;
    private final Duration timeout;

    private ClientSide(SipStack stack, DialogLayer dialogs, List<Listen> bound, Function<String, Optional<Login>> logins,
                       Consumer<SipResponse> provisional, Duration timeout) {
        this.stack = stack;
        this.dialogs = dialogs;
        this.bound = bound;
        this.logins = logins;
        this.provisional = provisional;
        this.timeout = timeout;
    }

    /**
     * @param stack sends requests
     * @param dialogs starts calls
     * @param bound the App's listen addresses, for Contact and From
     * @return the UAC with no login, listener or timeout
     */
    static ClientSide of(SipStack stack, DialogLayer dialogs, List<Listen> bound) {
        return new ClientSide(stack, dialogs, bound, null, null, null);
    }

    @Override
    public Uac withLogin(Login login) {
        Objects.requireNonNull(login, "login");
        return withLogins(realm -> Optional.of(login));
    }

    @Override
    public Uac withLogins(Function<String, Optional<Login>> byRealm) {
        return new ClientSide(stack, dialogs, bound, Objects.requireNonNull(byRealm, "byRealm"), provisional, timeout);
    }

    @Override
    public Uac onProvisional(Consumer<SipResponse> listener) {
        return new ClientSide(stack, dialogs, bound, logins, Objects.requireNonNull(listener, "listener"), timeout);
    }

    @Override
    public Uac withTimeout(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + value);
        }
        return new ClientSide(stack, dialogs, bound, logins, provisional, value);
    }

    @Override
    public SipResponse send(SipRequest request) {
        if (request.is(Method.ACK) || request.is(Method.CANCEL)) {
            throw new IllegalArgumentException(request.method() + " is sent by the stack, not the UAC");
        }
        SipResponse response = new Exchange(stack, request, provisional, timeout).await();
        if (logins != null && (response.status() == 401 || response.status() == 407)) {
            Optional<SipRequest> retry = ClientDigest.authorize(request, response, logins);
            if (retry.isPresent()) {
                LOG.debug("answering the {} challenge for {}; Call-ID {}", response.status(), request.method(),
                        request.header("Call-ID").orElse("?"));
                response = new Exchange(stack, retry.get(), provisional, timeout).await();
            }
        }
        return response;
    }

    @Override
    public SipResponse request(Method method, String uri, Parts parts) {
        Uri target = Grammars.URI.parse(uri);
        return send(build(method, target, "<" + uri.strip() + ">", parts, null));
    }

    @Override
    public SipResponse register(String aor, Parts parts) {
        SipUri address = Grammars.SIP_URI.parse(aor);
        // RFC 3261 10.2: the Request-URI names the registrar's domain, no user part
        SipUri registrar = new SipUri(address.secure(), null, null, address.host(), address.port(),
                address.parameters(), Parameters.EMPTY);
        return send(build(Method.REGISTER, registrar, "<" + aor.strip() + ">", parts, "<" + aor.strip() + ">"));
    }

    /** Fills in what the app did not give: From with a tag, To, Call-ID, CSeq, Contact. */
    private SipRequest build(Method method, Uri target, String to, Parts parts, String from) {
        Listen local = localFor(target);
        String me = "sip:drachtio@" + hostPort(local);
        SipRequest.Builder b = SipRequest.builder(method, target);
        if (!parts.has("From")) {
            b.header("From", (from != null ? from : "<" + me + ">") + ";tag=" + Ids.tag());
        }
        if (!parts.has("To")) {
            b.header("To", to);
        }
        if (!parts.has("Call-ID")) {
            b.header("Call-ID", Ids.callId(hostOf(local)));
        }
        if (!parts.has("CSeq")) {
            b.header("CSeq", "1 " + method.name());
        }
        if (DIALOG_CREATING.contains(method) && !parts.has("Contact")) {
            b.header("Contact", Contacts.of(bound, local.transport(), literal(target), null, local.port()));
        }
        if (method.equals(Method.REGISTER) && !parts.has("Expires")) {
            b.header("Expires", DEFAULT_REGISTRATION_SECONDS);
        }
        for (Header h : parts.headers()) {
            if (HeaderNames.same(h.name(), "Content-Length")) {
                continue;
            }
            if (HeaderNames.same(h.name(), "From") && Grammars.ADDRESS.parse(h.value()).tag().isEmpty()) {
                b.header(h.name(), h.value() + ";tag=" + Ids.tag());
            } else {
                b.header(h.name(), h.value());
            }
        }
        if (parts.contentType() != null) {
            b.body(parts.contentType(), parts.body());
        }
        return b.build();
    }

    /**
     * The listener whose address goes into From and Contact: the target's transport and address
     * family (when its host is an address), else its transport, else UDP, else any.
     */
    private Listen localFor(Uri target) {
        String wanted = target instanceof SipUri sip ? sip.transport().map(t -> t.toUpperCase(Locale.ROOT)).orElse("UDP") : "UDP";
        Listen l = Contacts.listener(bound, wanted, literal(target));
        if (l != null) {
            return l;
        }
        return bound.stream().filter(x -> x.transport().equals("UDP")).findFirst().orElse(bound.getFirst());
    }

    /** @return the target's host when it is an IP address (no lookup), else {@code null} */
    private static InetAddress literal(Uri target) {
        if (!(target instanceof SipUri sip)) {
            return null;
        }
        String host = sip.host().startsWith("[") ? sip.host().substring(1, sip.host().length() - 1) : sip.host();
        boolean ip = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        if (!ip) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostPort(Listen l) {
        return hostOf(l) + ":" + l.port();
    }

    private static String hostOf(Listen l) {
        String host = l.host();
        if (Contacts.wildcard(host)) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                host = InetAddress.getLoopbackAddress().getHostAddress();
            }
        }
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public PendingCall start(String uri, Parts parts) {
        SipRequest invite = buildInvite(uri, parts);
        if (logins == null) {
            return dialogs.call(invite, provisional, timeout);
        }
        // the dialog answers challenges to its own requests (BYE, re-INVITE ...) with the same logins
        Challenges challenges = (sent, challenge) -> ClientDigest.authorize(sent, challenge, logins);
        PendingCall call = dialogs.call(invite, provisional, timeout, challenges);
        return new AuthenticatingCall(call, challenge -> challenges.answer(invite, challenge),
                retry -> dialogs.call(retry, provisional, timeout, challenges));
    }

    /** @return an INVITE to the URI built as {@link #request} builds it, for the dialog layer */
    SipRequest buildInvite(String uri, Parts parts) {
        return build(Method.INVITE, Grammars.URI.parse(uri), "<" + uri.strip() + ">", parts, null);
    }
}
