package drachtio.parser.internal;

import drachtio.api.header.CSeq;
import drachtio.api.header.ContentType;

/** STUB: to be written (helper "grammars"). */
public final class MiscGrammar {
    private MiscGrammar() {
    }

    public static CSeq cseq(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static String callId(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static Integer number(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static Integer deltaSeconds(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static ContentType contentType(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
