/**
 * drachtio.transport: not written yet; see docs/ARCHITECTURE.md for what it will hold.
 */
module drachtio.transport {
    requires drachtio.api;
}
