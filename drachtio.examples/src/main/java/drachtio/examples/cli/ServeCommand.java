package drachtio.examples.cli;

import drachtio.api.Listen;
import drachtio.api.Login;
import drachtio.examples.serve.Serve;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code drachtio serve}: a small SIP server on the embedded stack, until SIGTERM or Ctrl-C. */
final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run a small SIP server: registrar with digest auth, OPTIONS, calls answered";
    }

    @Override
    public String usage() {
        return """
                usage: drachtio serve [--listen udp|tcp:HOST:PORT]... [--realm R] [--user NAME:PASSWORD]...
                                      [--algorithms LIST]

                A small SIP server on the embedded stack, one log line per request on stdout:
                  REGISTER   a registrar (bindings in memory, with expiry); digest auth for the
                             --user logins (none given: not challenged)
                  OPTIONS    200 with Allow
                  INVITE     200 with an SDP answer, then the call waits for BYE (486 when busy)
                Runs until SIGTERM or Ctrl-C, then stops cleanly.

                options:
                  --listen TRANSPORT:HOST:PORT  where to listen (repeatable; default
                                                udp:127.0.0.1:5060 and tcp:127.0.0.1:5060)
                  --realm R                     the digest realm (default drachtio)
                  --user NAME:PASSWORD          a user who may register (repeatable)
                  --algorithms LIST             digest algorithms offered, strongest first
                                                (default SHA-256,MD5; sipp needs MD5 alone)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<Listen> listen = new ArrayList<>();
        List<Login> users = new ArrayList<>();
        String realm = "drachtio";
        List<String> algorithms = List.of();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--listen" -> listen.add(listen(value(args, ++i, a)));
                case "--realm" -> realm = value(args, ++i, a);
                case "--user" -> users.add(UacSupport.login(value(args, ++i, a)));
                case "--algorithms" -> algorithms = algorithms(value(args, ++i, a));
                default -> throw new UsageException("unknown argument " + a);
            }
        }
        try {
            Serve.runUntilStopped(listen, realm, users, algorithms, out);
            return OK;
        } catch (UncheckedIOException e) {
            err.println("drachtio serve: cannot listen: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static List<String> algorithms(String text) {
        List<String> names = List.of(text.split(",")).stream().map(String::strip).toList();
        for (String n : names) {
            if (!List.of("MD5", "SHA-256", "SHA-512-256").contains(n.toUpperCase(Locale.ROOT))) {
                throw new UsageException("unknown digest algorithm " + n + " (MD5, SHA-256, SHA-512-256)");
            }
        }
        return names.stream().map(n -> n.toUpperCase(Locale.ROOT)).toList();
    }

    /** Parses {@code udp:HOST:PORT}; an IPv6 host goes in brackets. */
    static Listen listen(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            throw new UsageException("--listen wants TRANSPORT:HOST:PORT, e.g. udp:127.0.0.1:5060: " + text);
        }
        String transport = text.substring(0, first).toUpperCase(Locale.ROOT);
        String host = text.substring(first + 1, last);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Listen(transport, host, Integer.parseInt(text.substring(last + 1)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --listen " + text + ": " + e.getMessage());
        }
    }
}
