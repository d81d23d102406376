package drachtio.api.message;

/** Line folding in header values (RFC 3261 7.3.1). */
final class Folding {
    private Folding() {
    }

    /** Replaces each line fold, with the white space around it, by one space (RFC 3261 7.3.1). */
    static String unfold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                int j = sb.length();
                while (j > 0 && (sb.charAt(j - 1) == ' ' || sb.charAt(j - 1) == '\t')) {
                    j--;
                }
                sb.setLength(j);
                while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n' || s.charAt(i) == ' '
                        || s.charAt(i) == '\t')) {
                    i++;
                }
                sb.append(' ');
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
