package drachtio.parser.internal;

import drachtio.api.header.Via;
import java.util.List;

/** STUB: to be written (helper "grammars"). */
public final class ViaGrammar {
    private ViaGrammar() {
    }

    public static Via via(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static List<Via> vias(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
