/**
 * Test support for drachtio's integration tests: runs the real sipp (Debian package
 * sip-tester) on 127.0.0.1. Used in test scope only; not part of the library.
 */
module drachtio.testkit {
    exports drachtio.testkit;
}
