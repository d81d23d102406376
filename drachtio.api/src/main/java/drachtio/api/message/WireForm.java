package drachtio.api.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The octets behind a message: the received bytes of a parsed one, or those encoded for a built one. */
record WireForm(byte[] source, int start, int bodyStart, int end) {

    static WireForm encode(String startLine, Headers headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256 + 48 * headers.size()).append(startLine).append("\r\n");
        sb.append(headers);
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return new WireForm(all, 0, head.length, all.length);
    }

    byte[] bytes() {
        return Arrays.copyOfRange(source, start, end);
    }

    byte[] body() {
        return Arrays.copyOfRange(source, bodyStart, end);
    }

    int bodyLength() {
        return end - bodyStart;
    }
}
