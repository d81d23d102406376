package drachtio.parser.internal;

/** Character classes of RFC 3261 25.1 as lookup tables, for octets and chars alike. */
public final class Chars {
    private static final int TOKEN = 1;
    private static final int ALPHA = 2;
    private static final int DIGIT = 4;
    private static final int HEX = 8;
    private static final int UNRESERVED = 16;
    private static final int WORD = 32;
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= TOKEN | ALPHA | UNRESERVED | WORD;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASS[c] |= TOKEN | ALPHA | UNRESERVED | WORD;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] |= TOKEN | DIGIT | HEX | UNRESERVED | WORD;
        }
        for (char c : "abcdefABCDEF".toCharArray()) {
            CLASS[c] |= HEX;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            CLASS[c] |= TOKEN;
        }
        for (char c : "-_.!~*'()".toCharArray()) {
            CLASS[c] |= UNRESERVED;
        }
        // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" /
        //        "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}")
        for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) {
            CLASS[c] |= WORD;
        }
    }

    private Chars() {
    }

    private static boolean is(int c, int cls) {
        return c >= 0 && c < 128 && (CLASS[c] & cls) != 0;
    }

    /** @param c a character or octet @return whether it is a token character */
    public static boolean isToken(int c) {
        return is(c, TOKEN);
    }

    /** @param c a character @return whether it is ALPHA */
    public static boolean isAlpha(int c) {
        return is(c, ALPHA);
    }

    /** @param c a character @return whether it is DIGIT */
    public static boolean isDigit(int c) {
        return is(c, DIGIT);
    }

    /** @param c a character @return whether it is HEXDIG (either case) */
    public static boolean isHex(int c) {
        return is(c, HEX);
    }

    /** @param c a character @return whether it is unreserved (alphanum / mark) */
    public static boolean isUnreserved(int c) {
        return is(c, UNRESERVED);
    }

    /** @param c a character @return whether it may appear in a Call-ID word */
    public static boolean isWord(int c) {
        return is(c, WORD);
    }
}
