package drachtio.middleware.internal.auth;

import drachtio.api.header.Uri;
import drachtio.parser.Grammars;

/** Whether a digest-uri names the Request-URI (RFC 2617 3.2.2.5, RFC 3261 22.4). */
final class UriMatch {
    private UriMatch() {
    }

    /**
     * @param digestUri the {@code uri} parameter of the credentials, unquoted
     * @param requestUri the request's Request-URI
     * @return whether they are the same text, or parse to equal URIs
     */
    static boolean same(String digestUri, Uri requestUri) {
        if (digestUri.equals(requestUri.toString())) {
            return true;
        }
        return Grammars.URI.tryParse(digestUri).map(requestUri::equals).orElse(false);
    }
}
