/** Runnable examples and the {@code drachtio} command-line tool. */
module drachtio.examples {
    requires drachtio.api;
    requires drachtio.parser;
}
