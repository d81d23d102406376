package drachtio.api.header;

/** Writes {@code scheme name=value, name=value}, the shape Challenge and Credentials share. */
final class AuthFormat {
    private AuthFormat() {
    }

    static String format(String scheme, Parameters parameters) {
        StringBuilder sb = new StringBuilder(128).append(scheme);
        if (!parameters.isEmpty()) {
            sb.append(' ');
            parameters.appendTo(sb, (char) 0, ',');
        }
        return sb.toString();
    }
}
