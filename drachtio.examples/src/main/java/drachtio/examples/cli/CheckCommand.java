package drachtio.examples.cli;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipRequest;
import drachtio.api.message.SipResponse;
import drachtio.parser.Frame;
import drachtio.parser.SipParser;
import drachtio.parser.SipValidator;
import drachtio.parser.StreamFramer;
import drachtio.parser.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code drachtio check [--stream] FILE...}: parses each file with {@link SipParser} and
 * validates each message with {@link SipValidator}, one output line per message.
 *
 * <p>By default a file is one datagram ({@link SipParser#parseDatagram(byte[])}); with
 * {@code --stream} it is a TCP capture framed by a {@link StreamFramer}, read in chunks so any
 * file size is fine. Offsets printed count octets from the start of the file. Whatever the
 * octets, the result is an {@code ok} or {@code invalid} line: parse errors carry the parser's
 * reason, and an exception the parser should never throw is reported as
 * {@code internal error <class>} rather than a stack trace.
 */
final class CheckCommand implements Command {
    private static final int CHUNK = 8192;
    /** A partial CRLF CRLF keep-alive is at most this long. */
    private static final int MAX_PARTIAL_PING = 3;

    private final SipParser parser;

    /** A check with the parser's default limits. */
    CheckCommand() {
        this(SipParser.create());
    }

    /**
     * @param parser the parser (and so the limits) to check with
     */
    CheckCommand(SipParser parser) {
        this.parser = parser;
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "parse and validate SIP messages stored in files";
    }

    @Override
    public String usage() {
        return """
                usage: drachtio check [--stream] FILE...

                Parses each FILE as one SIP message (a UDP datagram) or, with --stream, as a TCP
                byte stream of any number of messages (CRLF keep-alives between them allowed),
                and checks each message against the RFC 3261 rules. One line per message:

                  FILE: ok REQUEST <method> <request-uri>
                  FILE: ok RESPONSE <status> <reason phrase>
                  FILE: invalid: <reason> (offset <n>)

                The offset counts octets from the start of the file and is left out when the
                problem has no position. With --stream, a file that yields more than one line
                labels them FILE#1, FILE#2, ...

                options:
                  --stream     frame each FILE as a TCP stream (Content-Length required)
                  -h, --help   show this help
                  --           end of options

                exit status: 0 every message valid, 1 any message invalid,
                             2 usage error or a FILE that cannot be read
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean stream = false;
        boolean options = true;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.equals("--stream")) {
                stream = true;
            } else if (options && a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option " + a);
            } else {
                files.add(a);
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no FILE to check");
        }
        int status = OK;
        for (String file : files) {
            List<Verdict> verdicts;
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                verdicts = stream ? stream(in) : List.of(datagram(in));
            } catch (IOException | InvalidPathException e) {
                err.println("drachtio check: cannot read " + file + ": " + describe(e));
                status = Math.max(status, USAGE);
                continue;
            }
            for (int i = 0; i < verdicts.size(); i++) {
                Verdict v = verdicts.get(i);
                String label = verdicts.size() == 1 ? file : file + "#" + (i + 1);
                out.println(label + ": " + v.text());
                if (!v.ok()) {
                    status = Math.max(status, FAILED);
                }
            }
        }
        return status;
    }

    /** The datagram is at most one octet over the limit: enough for the parser to refuse it. */
    private Verdict datagram(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(parser.limits().maxMessageSize() + 1);
        try {
            SipMessage m = parser.parseDatagram(bytes);
            return validated(m, leadingLineEnds(bytes));
        } catch (SipParseException e) {
            return Verdict.invalid(e.reason(), e.offset());
        } catch (RuntimeException | StackOverflowError e) {
            return Verdict.internal(e);
        }
    }

    private List<Verdict> stream(InputStream in) throws IOException {
        StreamFramer framer = parser.newStream();
        List<Verdict> verdicts = new ArrayList<>();
        byte[] chunk = new byte[CHUNK];
        byte[] last = new byte[MAX_PARTIAL_PING];
        long fed = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            framer.feed(chunk, 0, n);
            remember(last, chunk, n);
            fed += n;
            if (!drain(framer, verdicts)) {
                return verdicts;
            }
        }
        int left = framer.buffered();
        if (left > 0 && !(left <= MAX_PARTIAL_PING && lineEnds(last, MAX_PARTIAL_PING - left))) {
            verdicts.add(Verdict.invalid("truncated message", fed - left));
        } else if (verdicts.isEmpty()) {
            verdicts.add(Verdict.invalid("no SIP message", -1));
        }
        return verdicts;
    }

    /** @return false when the stream broke and checking it must stop */
    private boolean drain(StreamFramer framer, List<Verdict> verdicts) {
        try {
            while (true) {
                switch (framer.next()) {
                    case Frame.Message m -> verdicts.add(validated(m.message(), m.streamOffset()));
                    case Frame.KeepAlive k -> {
                        // a ping between messages: nothing to report
                    }
                    case Frame.NeedMoreBytes more -> {
                        return true;
                    }
                }
            }
        } catch (SipParseException e) {
            verdicts.add(Verdict.invalid(e.reason(), e.offset()));
        } catch (RuntimeException | StackOverflowError e) {
            verdicts.add(Verdict.internal(e));
        }
        return false;
    }

    /**
     * @param m a framed message
     * @param base where it starts in the file; violation offsets count from the message start
     */
    private static Verdict validated(SipMessage m, long base) {
        Optional<Violation> violation = SipValidator.check(m);
        if (violation.isPresent()) {
            Violation v = violation.get();
            return Verdict.invalid(v.reason(), v.offset() < 0 ? -1 : base + v.offset());
        }
        return new Verdict(true, "ok " + describe(m));
    }

    private static String describe(SipMessage m) {
        return switch (m) {
            case SipRequest r -> "REQUEST " + printable(r.method().name()) + " " + printable(r.uri().toString());
            case SipResponse r -> r.reason().isEmpty()
                    ? "RESPONSE " + r.status()
                    : "RESPONSE " + r.status() + " " + printable(r.reason());
        };
    }

    /** Control characters from the wire would garble the terminal: show them as '?'. */
    private static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** The datagram parser skips CRs and LFs before the start line (RFC 3261 7.5). */
    private static int leadingLineEnds(byte[] b) {
        int i = 0;
        while (i < b.length && (b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    /** Keeps the last {@code last.length} octets seen, oldest first. */
    private static void remember(byte[] last, byte[] chunk, int n) {
        int keep = Math.min(n, last.length);
        System.arraycopy(last, keep, last, 0, last.length - keep);
        System.arraycopy(chunk, n - keep, last, last.length - keep, keep);
    }

    private static boolean lineEnds(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String describe(Exception e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            case InvalidPathException x -> "invalid path";
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    /**
     * What checking one message found.
     *
     * @param ok whether the message is valid
     * @param text the line to print after the file label
     */
    private record Verdict(boolean ok, String text) {
        static Verdict invalid(String reason, long offset) {
            String where = offset < 0 ? "" : " (offset " + offset + ")";
            return new Verdict(false, "invalid: " + reason + where);
        }

        static Verdict internal(Throwable t) {
            return new Verdict(false, "invalid: internal error " + t.getClass().getName());
        }
    }
}
