package drachtio.parser.internal;

import drachtio.api.spi.HeaderParser;
import drachtio.api.spi.HeaderParserProvider;
import java.util.List;

/** STUB: to be written (helper "grammars"): the built-in header parsers. */
public final class BuiltinHeaderParsers implements HeaderParserProvider {
    @Override
    public String name() {
        return "drachtio.parser";
    }

    @Override
    public int weight() {
        return 0;
    }

    @Override
    public List<HeaderParser<?>> create() {
        return List.of();
    }
}
