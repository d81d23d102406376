package drachtio.middleware.internal.app;

import drachtio.api.spi.Source;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Our Contact for a dialog we answer: the listener the INVITE arrived on (RFC 3261 12.1.1). */
final class Contacts {
    private Contacts() {
    }

    /**
     * @param source where the request came from (its local side is our listener)
     * @return a Contact value such as {@code <sip:drachtio@127.0.0.1:5060;transport=tcp>}
     */
    static String of(Source source) {
        InetSocketAddress local = source.local();
        InetAddress address = local.getAddress();
        if (address == null || address.isAnyLocalAddress()) {
            try {
                address = InetAddress.getLocalHost();
            } catch (UnknownHostException e) {
                address = InetAddress.getLoopbackAddress();
            }
        }
        String host = address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String transport = source.transport().equals("UDP") ? "" : ";transport=" + source.transport().toLowerCase(Locale.ROOT);
        return "<sip:drachtio@" + host + ":" + local.getPort() + transport + ">";
    }
}
