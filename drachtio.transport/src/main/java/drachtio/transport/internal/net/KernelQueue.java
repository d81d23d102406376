package drachtio.transport.internal.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the kernel holds for a UDP socket, read from {@code /proc/net/udp} and {@code udp6}
 * (Linux only; elsewhere nothing is read): the octets waiting in its receive queue and how
 * many datagrams it dropped because that queue was full. A queue that grows is the plainest
 * sign that the reader is behind, before the drops (lost ACKs and BYEs) begin.
 */
final class KernelQueue {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private KernelQueue() {
    }

    /**
     * One reading.
     *
     * @param queued octets in the receive queue (the kernel's accounting, which counts each
     *     datagram's buffer overhead too)
     * @param drops datagrams dropped since the socket was opened
     */
    record Reading(long queued, long drops) {
    }

    /**
     * @param bound the socket's bound address
     * @return the reading, or empty when the tables cannot be read or hold no such socket
     */
    static Optional<Reading> read(InetSocketAddress bound) {
        String port = String.format(Locale.ROOT, ":%04X", bound.getPort());
        String v4 = bound.getAddress() instanceof Inet4Address a ? hex(a.getAddress()) + port : null;
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String line : lines) {
                Optional<Reading> r = parse(line, v4, port);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param line one row of the table
     * @param v4 the IPv4 local address as the table writes it, or null to match on the port
     * @param port the port as the table writes it, with its colon
     * @return the reading when the row is the socket's
     */
    static Optional<Reading> parse(String line, String v4, String port) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 13 || !f[0].endsWith(":")) {
            return Optional.empty();
        }
        String local = f[1];
        String upper = local.toUpperCase(Locale.ROOT);
        // an IPv4 socket, or a dual-stack one in udp6 holding the v4-mapped address
        boolean ours = v4 != null ? upper.equals(v4) || upper.endsWith("FFFF0000" + v4) : upper.endsWith(port);
        int colon = f[4].indexOf(':');
        if (!ours || colon < 0) {
            return Optional.empty();
        }
        try {
            long queued = Long.parseLong(f[4].substring(colon + 1), 16);
            long drops = Long.parseLong(f[f.length - 1]);
            return Optional.of(new Reading(queued, drops));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return an IPv4 address as the table writes it: the four octets in host (little-endian) order */
    private static String hex(byte[] a) {
        return String.format(Locale.ROOT, "%02X%02X%02X%02X", a[3], a[2], a[1], a[0]);
    }
}
