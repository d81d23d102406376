/**
 * The seed README's snippets (drachtio-client for Node) as small Java programs, one class each,
 * in the blocking style: each request handler and each client call is straight-line code that
 * waits on the network where the seed passed a callback.
 *
 * <p>Every example is an {@link drachtio.examples.seed.Example}; {@link drachtio.examples.seed.Examples}
 * lists them for {@code drachtio example NAME}, and each class also has a {@code main} of its
 * own. A {@link drachtio.examples.seed.Console} gives an example its output, its stack settings
 * and a way to be stopped, so the same code runs from the command line and from a test.
 *
 * <p>Client examples take the target URI as their one argument (the seed's URI by default);
 * server examples take {@code --listen TRANSPORT:HOST:PORT} (default {@code udp:127.0.0.1:5060},
 * port 0 for an ephemeral one) and run until stopped.
 */
package drachtio.examples.seed;
