package drachtio.api;

import java.util.Objects;

/**
 * A user name and password a UAC answers digest challenges with. {@link #toString()} hides
 * the password so it never reaches a log.
 *
 * @param user the user name
 * @param password the password
 */
public record Login(String user, String password) {

    /** Checks the parts. */
    public Login {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * @param user the user name
     * @param password the password
     * @return the login
     */
    public static Login of(String user, String password) {
        return new Login(user, password);
    }

    @Override
    public String toString() {
        return "Login[user=" + user + ", password=***]";
    }
}
