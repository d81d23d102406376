/**
 * drachtio.dialog: not written yet; see docs/ARCHITECTURE.md for what it will hold.
 */
module drachtio.dialog {
    requires drachtio.api;
}
