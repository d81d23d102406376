package drachtio.parser.internal;

import drachtio.api.header.MultipartBody;
import drachtio.api.message.SipMessage;

/** STUB: to be written (helper "grammars"). */
public final class MultipartGrammar {
    private MultipartGrammar() {
    }

    public static MultipartBody parse(SipMessage m) {
        throw new UnsupportedOperationException("not written yet");
    }
}
