/**
 * drachtio.middleware: not written yet; see docs/ARCHITECTURE.md for what it will hold.
 */
module drachtio.middleware {
    requires drachtio.api;
}
