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
     * @return the answer, or {@code null} when the offer has no audio stream we can accept
     */
    static String answer(String offer, String address, int port) {
        String format = "0";
        if (!offer.isBlank()) {
            format = null;
            for (String line : offer.split("\r?\n")) {
                if (line.startsWith("m=audio ")) {
                    String[] f = line.strip().split(" ");
                    if (f.length > 3 && Integer.parseInt(f[1]) != 0) {
                        format = f[3];
                    }
                    break;
                }
            }
            if (format == null) {
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
                + "m=audio " + port + " RTP/AVP " + format + "\r\n"
                + "a=sendrecv\r\n";
    }
}
