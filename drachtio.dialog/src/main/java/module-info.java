/**
 * The dialog layer (RFC 3261 12) over any {@link drachtio.api.spi.SipStack}: UAS and UAC
 * dialogs, in-dialog requests in both directions, the ACK for our 2xx and its timeout, and
 * the registry of live dialogs. The App ({@code drachtio.middleware}) drives it through
 * {@link drachtio.dialog.DialogLayer}.
 */
module drachtio.dialog {
    requires transitive drachtio.api; // Dialog, Request, Response and the SPI types are in DialogLayer's signatures
    requires org.slf4j;

    exports drachtio.dialog;
}
