package drachtio.examples.serve;

import drachtio.api.Listen;
import drachtio.api.Login;
import java.util.List;
import java.util.Map;

/**
 * What {@code drachtio serve} runs with.
 *
 * @param listen where to listen
 * @param realm the digest realm
 * @param users user name to password; empty means REGISTER is not challenged
 * @param algorithms the digest algorithms offered (sent strongest first, RFC 8760)
 */
record ServeConfig(List<Listen> listen, String realm, Map<String, String> users, List<String> algorithms) {
    /** SHA-256 and MD5, sent strongest first as RFC 8760 asks; MD5-only clients that take the first challenge (sipp) need MD5 alone. */
    static final List<String> DEFAULT_ALGORITHMS = List.of("SHA-256", "MD5");

    /** Copies the collections. */
    ServeConfig {
        listen = List.copyOf(listen);
        users = Map.copyOf(users);
        algorithms = List.copyOf(algorithms);
    }

    /** The defaults: UDP and TCP on 127.0.0.1:5060, realm {@code drachtio}, no users. */
    static ServeConfig defaults() {
        return new ServeConfig(List.of(Listen.udp("127.0.0.1", 5060), Listen.tcp("127.0.0.1", 5060)), "drachtio", Map.of(),
                DEFAULT_ALGORITHMS);
    }

    static Map<String, String> users(List<Login> logins) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        logins.forEach(l -> m.put(l.user(), l.password()));
        return m;
    }
}
