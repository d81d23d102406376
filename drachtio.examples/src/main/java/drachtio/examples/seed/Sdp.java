package drachtio.examples.seed;

/**
 * The session description the call examples send, where the seed says "populate as
 * appropriate": one audio stream, PCMU. No media flows; a real application gets its SDP from a
 * media server.
 */
final class Sdp {
    private Sdp() {
    }

    /**
     * @param host the address to name as the media address; a wildcard becomes 127.0.0.1
     * @return an SDP (RFC 8866) offering or answering PCMU on port 40000
     */
    static String audio(String host) {
        String ip = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        String family = ip.indexOf(':') >= 0 ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=drachtio 1 1 IN " + family + " " + ip + "\r\n"
                + "s=drachtio\r\n"
                + "c=IN " + family + " " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";
    }
}
