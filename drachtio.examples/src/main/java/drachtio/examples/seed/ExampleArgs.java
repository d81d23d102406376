package drachtio.examples.seed;

import drachtio.api.Listen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one example: at most one operand (a client's target URI) and options that
 * each take a value ({@code --listen udp:127.0.0.1:0}, repeatable).
 *
 * @param operand the operand, {@code null} when none was given
 * @param options each option's values, in order
 */
record ExampleArgs(String operand, Map<String, List<String>> options) {
    /** A server example's address when none is given. */
    static final Listen DEFAULT_LISTEN = Listen.udp("127.0.0.1", 5060);

    /**
     * @param args the arguments after the example's name
     * @param known the options the example reads
     * @return the parsed arguments
     * @throws IllegalArgumentException for an unknown option, a missing value or a second operand
     */
    static ExampleArgs parse(List<String> args, Set<String> known) {
        String operand = null;
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (known.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (operand == null) {
                operand = a;
            } else {
                throw new IllegalArgumentException("one operand only; also got " + a);
            }
        }
        return new ExampleArgs(operand, Map.copyOf(options));
    }

    /** @return the operand, or the default */
    String target(String defaultTarget) {
        return operand == null ? defaultTarget : operand;
    }

    /** @return the last value of the option, or the default */
    String text(String option, String defaultValue) {
        List<String> values = options.getOrDefault(option, List.of());
        return values.isEmpty() ? defaultValue : values.getLast();
    }

    /** @return the option as milliseconds, or the default */
    Duration millis(String option, Duration defaultValue) {
        String text = text(option, null);
        if (text == null) {
            return defaultValue;
        }
        try {
            long ms = Long.parseLong(text);
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number of milliseconds: " + text, e);
        }
    }

    /** @return the {@code --listen} addresses, {@link #DEFAULT_LISTEN} when none was given */
    List<Listen> listen() {
        List<String> values = options.getOrDefault("--listen", List.of());
        return values.isEmpty() ? List.of(DEFAULT_LISTEN) : values.stream().map(ExampleArgs::listen).toList();
    }

    /** Parses {@code udp:HOST:PORT}; an IPv6 host goes in brackets. */
    static Listen listen(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            throw new IllegalArgumentException("--listen wants TRANSPORT:HOST:PORT, e.g. udp:127.0.0.1:5060: " + text);
        }
        String host = text.substring(first + 1, last);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new Listen(text.substring(0, first).toUpperCase(Locale.ROOT), host,
                    Integer.parseInt(text.substring(last + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad --listen " + text + ": " + e.getMessage(), e);
        }
    }
}
