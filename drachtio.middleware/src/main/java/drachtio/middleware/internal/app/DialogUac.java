package drachtio.middleware.internal.app;

import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.PendingCall;
import drachtio.api.Uac;
import drachtio.api.message.Method;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.dialog.DialogLayer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The App's {@link Uac}: {@link ClientSide} for requests, the dialog layer for calls. */
final class DialogUac implements Uac {
    private final ClientSide client;
    private final DialogLayer dialogs;

    DialogUac(ClientSide client, DialogLayer dialogs) {
        this.client = client;
        this.dialogs = dialogs;
    }

    private Uac wrap(Uac changed) {
        return new DialogUac((ClientSide) changed, dialogs);
    }

    @Override
    public Uac withLogin(Login login) {
        return wrap(client.withLogin(login));
    }

    @Override
    public Uac withLogins(Function<String, Optional<Login>> byRealm) {
        return wrap(client.withLogins(byRealm));
    }

    @Override
    public Uac onProvisional(Consumer<SipResponse> listener) {
        return wrap(client.onProvisional(listener));
    }

    @Override
    public Uac withTimeout(Duration timeout) {
        return wrap(client.withTimeout(timeout));
    }

    @Override
    public SipResponse send(SipRequest request) {
        return client.send(request);
    }

    @Override
    public SipResponse request(Method method, String uri, Parts parts) {
        return client.request(method, uri, parts);
    }

    @Override
    public SipResponse register(String aor, Parts parts) {
        return client.register(aor, parts);
    }

    @Override
    public PendingCall start(String uri, Parts parts) {
        return dialogs.call(client.buildInvite(uri, parts), client.provisionalListener(), client.timeoutSetting());
    }
}
