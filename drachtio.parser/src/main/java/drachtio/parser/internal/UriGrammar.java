package drachtio.parser.internal;

import drachtio.api.header.SipUri;
import drachtio.api.header.Uri;

/** STUB: to be written (helper "grammars"). */
public final class UriGrammar {
    private UriGrammar() {
    }

    public static Uri uri(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static SipUri sipUri(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
