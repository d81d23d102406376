package drachtio.examples.cli;

import drachtio.api.App;
import drachtio.api.Drachtio;
import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.api.Parts;
import drachtio.api.Uac;
import drachtio.api.header.Header;
import drachtio.api.header.SipUri;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipResponse;
import drachtio.api.spi.StackConfig;
import drachtio.parser.Grammars;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the UAC tools ({@code drachtio options}, {@code drachtio register}) share: their common
 * options, a client-only App bound to the address that routes to the target, and printing a
 * response the way sipsak does.
 */
final class UacSupport {
    /** Options every UAC tool takes, for the usage texts. */
    static final String COMMON_USAGE = """
              -H, --header 'NAME: VALUE'   add a header (repeatable)
              --user NAME:PASSWORD         answer a 401/407 digest challenge with this login
              --timeout SECONDS            give up after this long (default 10)
              --tcp                        send over TCP (else the URI's transport, else UDP)
            """;

    /** The parsed command line of a UAC tool. */
    record Options(String uri, List<Header> headers, Login login, Duration timeout, boolean tcp, List<String> rest) {
    }

    private UacSupport() {
    }

    /**
     * @param args the tool's arguments
     * @param allowed extra options the tool reads itself (each takes a value)
     * @return the options; the URI is the one positional argument
     * @throws UsageException for anything else
     */
    static Options parse(List<String> args, List<String> allowed) {
        String uri = null;
        List<Header> headers = new ArrayList<>();
        Login login = null;
        Duration timeout = Duration.ofSeconds(10);
        boolean tcp = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-H", "--header" -> headers.add(header(value(args, ++i, a)));
                case "--user" -> login = login(value(args, ++i, a));
                case "--timeout" -> timeout = Duration.ofSeconds(seconds(value(args, ++i, a), a));
                case "--tcp" -> tcp = true;
                default -> {
                    if (allowed.contains(a)) {
                        rest.add(a);
                        rest.add(value(args, ++i, a));
                    } else if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    } else if (uri == null) {
                        uri = a;
                    } else {
                        throw new UsageException("one URI only; also got " + a);
                    }
                }
            }
        }
        if (uri == null) {
            throw new UsageException("a SIP URI is required, e.g. sip:alice@127.0.0.1:5060");
        }
        try {
            Grammars.SIP_URI.parse(uri);
        } catch (SipParseException e) {
            throw new UsageException("not a SIP URI: " + uri + " (" + e.reason() + ")");
        }
        return new Options(uri, headers, login, timeout, tcp, rest);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static Header header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("a header is 'Name: value': " + text);
        }
        return new Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
    }

    static Login login(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("a login is NAME:PASSWORD");
        }
        return Login.of(text.substring(0, colon), text.substring(colon + 1));
    }

    static int seconds(String text, String option) {
        try {
            int s = Integer.parseInt(text);
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number of seconds: " + text);
        }
    }

    /** @return the URI with {@code ;transport=tcp} when --tcp was given */
    static String target(Options o) {
        if (!o.tcp() || o.uri().toLowerCase(Locale.ROOT).contains("transport=")) {
            return o.uri();
        }
        return o.uri() + ";transport=tcp";
    }

    /**
     * Starts a client-only App on an ephemeral port of the local address that routes to the
     * target, so the Via and Contact it sends are reachable from there.
     */
    static App start(Options o) {
        SipUri uri = Grammars.SIP_URI.parse(target(o));
        String local = localAddressFor(uri.host());
        App app = Drachtio.app(StackConfig.builder().shutdownGrace(Duration.ofMillis(200)).build());
        app.listen(uri.transport().map(t -> t.equalsIgnoreCase("tcp")).orElse(false)
                ? Listen.tcp(local, 0) : Listen.udp(local, 0));
        return app;
    }

    /** @return the UAC view with the tool's login and timeout */
    static Uac uac(App app, Options o) {
        Uac uac = app.uac().withTimeout(o.timeout().isZero() ? Duration.ofSeconds(1) : o.timeout());
        return o.login() == null ? uac : uac.withLogin(o.login());
    }

    static Parts parts(Options o) {
        Parts p = Parts.NONE;
        for (Header h : o.headers()) {
            p = p.with(h.name(), h.value());
        }
        return p;
    }

    private static String localAddressFor(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(bare), 5060));
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : local.getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + host, e);
        }
    }

    /**
     * Prints the status line and headers (and the body, when there is one).
     *
     * @return {@link Command#OK} for 2xx, else {@link Command#FAILED}
     */
    static int print(SipResponse r, PrintStream out) {
        out.println(r.statusLine());
        for (Header h : r.headers()) {
            out.println(h.name() + ": " + h.value());
        }
        if (r.bodyLength() > 0) {
            out.println();
            out.print(r.bodyText());
        }
        out.flush();
        return r.success() ? Command.OK : Command.FAILED;
    }
}
