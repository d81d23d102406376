package drachtio.examples.serve;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDP {@code drachtio serve} answers calls with (RFC 3264): audio only, accepting the first
 * payload type of the offer's first audio stream; no media actually flows.
 */
final class Sdp {
    private static final AtomicLong SESSIONS = new AtomicLong(System.currentTimeMillis() / 1000);

    private Sdp() {
    }

    /**
     * @param offer the caller's SDP, empty when the INVITE had none (then this is our offer)
     * @param address our address for the c= line
     * @param port the media port we name
     * @return the answer, or {@code null} when the offer has no audio stream we can accept. As
     *     RFC 3264 6 asks, it has one m= line per offered stream: the first audio stream with a
     *     port is taken (its first payload type), every other stream is refused with port 0
     */
    static String answer(String offer, String address, int port) {
        StringBuilder media = new StringBuilder();
        if (offer.isBlank()) {
            media.append("m=audio ").append(port).append(" RTP/AVP 0\r\n");
        } else {
            boolean taken = false;
            for (String line : offer.split("\r?\n")) {
                if (!line.startsWith("m=")) {
                    continue;
                }
                // m=<media> <port>[/<count>] <proto> <fmt> ... (RFC 8866 5.14)
                String[] f = line.substring(2).strip().split(" +");
                if (f.length < 4) {
                    return null;
                }
                boolean usable = !taken && f[0].equals("audio") && offeredPort(f[1]) > 0;
                media.append("m=").append(f[0]).append(' ').append(usable ? port : 0).append(' ').append(f[2])
                        .append(' ').append(f[3]).append("\r\n");
                taken |= usable;
            }
            if (!taken) {
                return null;
            }
        }
        long id = SESSIONS.incrementAndGet();
        String ip = address.indexOf(':') >= 0 ? "IP6 " + address : "IP4 " + address;
        return "v=0\r\n"
                + "o=drachtio " + id + " " + id + " IN " + ip + "\r\n"
                + "s=drachtio serve\r\n"
                + "c=IN " + ip + "\r\n"
                + "t=0 0\r\n"
                + media
                + "a=sendrecv\r\n";
    }

    /** @return the port of an m= line's port field ({@code 4000} or {@code 4000/2}), -1 when it is not one */
    private static int offeredPort(String field) {
        String digits = field.contains("/") ? field.substring(0, field.indexOf('/')) : field;
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int p = Integer.parseInt(digits);
        return p <= 65535 ? p : -1;
    }
}
