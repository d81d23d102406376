package drachtio.examples.cli;

/** A command line the command cannot run: an unknown option, a missing operand. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, in a few words, for the user
     */
    public UsageException(String message) {
        super(message);
    }
}
