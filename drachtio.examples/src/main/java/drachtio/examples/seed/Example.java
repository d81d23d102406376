package drachtio.examples.seed;

import java.util.List;

/**
 * One runnable seed example. {@link Examples#all()} lists them; {@code drachtio example NAME}
 * runs one.
 *
 * <p>An example prints what it has to say to {@link Console#out()}, never calls
 * {@link System#exit}, and reports bad arguments with {@link IllegalArgumentException}.
 */
public interface Example {
    /** Exit status: it went as the seed describes (for a client: a 2xx came back). */
    int OK = 0;
    /** Exit status: it ran, but the peer answered with a failure or not at all. */
    int FAILED = 1;

    /** @return the name typed after {@code drachtio example} */
    String name();

    /** @return one line for the list of examples */
    String summary();

    /** @return the arguments it takes, e.g. {@code [URI]} or {@code [--listen TRANSPORT:HOST:PORT]} */
    String arguments();

    /**
     * Runs the example; a server example returns only once {@link Console#stop()} is called.
     *
     * @param args the arguments after the example's name
     * @param console where it prints, its stack settings, and its stop signal
     * @return {@link #OK} or {@link #FAILED}
     * @throws IllegalArgumentException when the arguments are wrong
     */
    int run(List<String> args, Console console);
}
