/**
 * Runnable examples and the {@code drachtio} command-line tool ({@code check}, {@code serve}, {@code options}, {@code register}, {@code example}).
 *
 * <p>Built into a runtime image with jlink ({@code target/image/bin/drachtio}); the SLF4J
 * binding (slf4j-simple) is a runtime dependency added to the image, not required here.
 */
module drachtio.examples {
    requires drachtio.api;
    requires drachtio.parser;
    requires drachtio.middleware;
}
