package drachtio.parser.internal;

/** Character classes of RFC 3261 25.1 as lookup tables, for octets and chars alike. */
public final class Chars {
    private static final int TOKEN = 1;
    private static final int ALPHA = 2;
    private static final int DIGIT = 4;
    private static final int HEX = 8;
    private static final int UNRESERVED = 16;
    private static final int WORD = 32;
    /** user-unreserved plus unreserved (RFC 3261 25.1 user). */
    private static final int USER = 64;
    /** password characters: unreserved / "&" / "=" / "+" / "$" / ",". */
    private static final int PASSWORD = 128;
    /** paramchar without escapes: param-unreserved / unreserved. */
    private static final int PARAM = 256;
    /** hname/hvalue characters without escapes: hnv-unreserved / unreserved. */
    private static final int HNV = 512;
    /** hostname characters: alphanum / "-" / "." (and "_", tolerated). */
    private static final int HOST = 1024;
    /** scheme characters after the first: ALPHA / DIGIT / "+" / "-" / ".". */
    private static final int SCHEME = 2048;
    /** token68 characters before the trailing "=" (RFC 7235 2.1). */
    private static final int TOKEN68 = 4096;
    /** characters of an opaque absolute URI: visible ASCII except {@code < > " \ ^ ` { | }}. */
    private static final int URIC = 8192;
    /** unquoted header parameter value: token / host (with IPv6 reference). */
    private static final int GEN_VALUE = 16384;
    private static final int[] CLASS = new int[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= TOKEN | ALPHA | UNRESERVED | WORD | HOST | SCHEME | TOKEN68;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CLASS[c] |= TOKEN | ALPHA | UNRESERVED | WORD | HOST | SCHEME | TOKEN68;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] |= TOKEN | DIGIT | HEX | UNRESERVED | WORD | HOST | SCHEME | TOKEN68;
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
        for (int c = 0; c < 128; c++) {
            if ((CLASS[c] & UNRESERVED) != 0) {
                CLASS[c] |= USER | PASSWORD | PARAM | HNV;
            }
            if ((CLASS[c] & TOKEN) != 0) {
                CLASS[c] |= GEN_VALUE;
            }
            if (c > 0x20 && c < 0x7f && "<>\"\\^`{|}".indexOf(c) < 0) {
                CLASS[c] |= URIC;
            }
        }
        for (char c : "&=+$,;?/".toCharArray()) {
            CLASS[c] |= USER;
        }
        for (char c : "&=+$,".toCharArray()) {
            CLASS[c] |= PASSWORD;
        }
        for (char c : "[]/:&+$".toCharArray()) {
            CLASS[c] |= PARAM;
        }
        for (char c : "[]/?:+$".toCharArray()) {
            CLASS[c] |= HNV;
        }
        for (char c : "-._".toCharArray()) {
            CLASS[c] |= HOST;
        }
        for (char c : "+-.".toCharArray()) {
            CLASS[c] |= SCHEME;
        }
        for (char c : "-._~+/".toCharArray()) {
            CLASS[c] |= TOKEN68;
        }
        for (char c : ":[]".toCharArray()) {
            CLASS[c] |= GEN_VALUE;
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

    /** @param c a character @return whether it may appear unescaped in a SIP URI user part */
    static boolean isUser(int c) {
        return is(c, USER);
    }

    /** @param c a character @return whether it may appear unescaped in a SIP URI password */
    static boolean isPassword(int c) {
        return is(c, PASSWORD);
    }

    /** @param c a character @return whether it is a paramchar other than an escape */
    static boolean isParam(int c) {
        return is(c, PARAM);
    }

    /** @param c a character @return whether it may appear unescaped in a URI header name or value */
    static boolean isHnv(int c) {
        return is(c, HNV);
    }

    /** @param c a character @return whether it may appear in a host name or IPv4 address */
    static boolean isHost(int c) {
        return is(c, HOST);
    }

    /** @param c a character @return whether it may follow the first letter of a URI scheme */
    static boolean isScheme(int c) {
        return is(c, SCHEME);
    }

    /** @param c a character @return whether it is a token68 character other than {@code =} */
    static boolean isToken68(int c) {
        return is(c, TOKEN68);
    }

    /** @param c a character @return whether it may appear in an opaque absolute URI */
    static boolean isUric(int c) {
        return is(c, URIC);
    }

    /** @param c a character @return whether it may appear in an unquoted header parameter value */
    static boolean isGenValue(int c) {
        return is(c, GEN_VALUE);
    }

    /** @param c a character @return whether it is SP or HTAB */
    static boolean isWs(int c) {
        return c == ' ' || c == '\t';
    }
}
