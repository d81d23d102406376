package drachtio.parser.internal;

import drachtio.api.message.Method;
import java.nio.charset.StandardCharsets;

/** The fixed words of a start line, matched eight octets at a time: the common methods and {@code SIP/2.0}. */
final class StartLines {
    private static final String SIP_2_0 = "SIP/2.0";
    private static final long[] SIP_2_0_WORDS = Octets.words(SIP_2_0);
    private static final Method[] METHODS = {Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL, Method.OPTIONS,
        Method.REGISTER, Method.PRACK, Method.SUBSCRIBE, Method.NOTIFY, Method.PUBLISH, Method.INFO, Method.REFER,
        Method.MESSAGE, Method.UPDATE};
    /** Each of {@link #METHODS} as words. */
    private static final long[][] METHOD_WORDS = new long[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_WORDS[i] = Octets.words(METHODS[i].name());
        }
    }

    private StartLines() {
    }

    /**
     * @param b octets
     * @param off where the method starts
     * @param len its length
     * @return the shared constant when the octets spell one of the RFC methods exactly, else null
     */
    static Method knownMethod(byte[] b, int off, int len) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].name().length() == len && Octets.matches(METHOD_WORDS[i], len, b, off)) {
                return METHODS[i];
            }
        }
        return null;
    }

    /** @return the version text from {@code off} to {@code end}, the shared {@code SIP/2.0} when it is that */
    static String version(byte[] b, int off, int end) {
        if (end - off == 7 && Octets.matches(SIP_2_0_WORDS, 7, b, off)) {
            return SIP_2_0;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    /** @return whether the octets from {@code off} (before {@code end}) start with {@code SIP/}, any case */
    static boolean startsWithSip(byte[] b, int off, int end) {
        return end - off >= 4 && (b[off] | 0x20) == 's' && (b[off + 1] | 0x20) == 'i' && (b[off + 2] | 0x20) == 'p'
                && b[off + 3] == '/';
    }
}
