package drachtio.parser.internal;

import drachtio.api.header.Challenge;
import drachtio.api.header.Credentials;

/** STUB: to be written (helper "grammars"). */
public final class AuthGrammar {
    private AuthGrammar() {
    }

    public static Challenge challenge(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static Credentials credentials(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
