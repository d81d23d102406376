package drachtio.transport.internal.net;

import drachtio.transport.ListenPoint;
import java.net.InetSocketAddress;

/** A bound listening socket. */
sealed interface Listener permits UdpListener, TcpListener {

    /** @return the configured listen point */
    ListenPoint point();

    /** @return the address actually bound (port 0 resolved) */
    InetSocketAddress bound();

    /** Closes the socket; its loop ends. */
    void close();
}
