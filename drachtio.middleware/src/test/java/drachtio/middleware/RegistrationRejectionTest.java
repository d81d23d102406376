package drachtio.middleware;

import static drachtio.middleware.RegisterExchange.request;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.message.SipResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed REGISTER is answered 400 with a reason naming the fault, and goes no further. */
class RegistrationRejectionTest {
    private static final String WILDCARD_ALONE = "Wildcard Contact must be the only Contact";
    private static final String WILDCARD_EXPIRES = "Wildcard Contact requires Expires: 0";

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("wildcard beside a contact in one header",
                        request("REGISTER", "Contact: *, <sip:bob@192.0.2.4>", "Expires: 0"), WILDCARD_ALONE),
                Arguments.of("wildcard and a contact on two lines",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>", "Contact: *", "Expires: 0"), WILDCARD_ALONE),
                Arguments.of("wildcard twice",
                        request("REGISTER", "Contact: *", "Contact: *", "Expires: 0"), WILDCARD_ALONE),
                Arguments.of("wildcard with a non-zero Expires",
                        request("REGISTER", "Contact: *", "Expires: 3600"), WILDCARD_EXPIRES),
                Arguments.of("wildcard without Expires",
                        request("REGISTER", "Contact: *"), WILDCARD_EXPIRES),
                Arguments.of("Contact that does not parse",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4"), "Malformed Contact header"),
                Arguments.of("second Contact that does not parse",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>", "Contact: bob at home"),
                        "Malformed Contact header"),
                Arguments.of("Expires that is not a number",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>", "Expires: soon"), "Malformed Expires header"),
                Arguments.of("negative Expires",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>", "Expires: -1"), "Malformed Expires header"),
                Arguments.of("bad Expires even when every contact has its own",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires=60", "Expires: 1h"),
                        "Malformed Expires header"),
                Arguments.of("contact expires parameter that is not a number",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires=never"),
                        "Malformed expires parameter in Contact"),
                Arguments.of("contact expires parameter without a value",
                        request("REGISTER", "Contact: <sip:bob@192.0.2.4>;expires"),
                        "Malformed expires parameter in Contact"),
                Arguments.of("To missing", RegisterExchange.of("""
                        REGISTER sip:example.com SIP/2.0
                        Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7
                        From: <sip:bob@example.com>;tag=1
                        Call-ID: a@b
                        CSeq: 1 REGISTER
                        Contact: <sip:bob@192.0.2.4>
                        """), "Missing To header"),
                Arguments.of("To that does not parse", RegisterExchange.of("""
                        REGISTER sip:example.com SIP/2.0
                        Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7
                        From: <sip:bob@example.com>;tag=1
                        To: Bob <sip:bob@example.com
                        Call-ID: a@b
                        CSeq: 1 REGISTER
                        Contact: <sip:bob@192.0.2.4>
                        """), "Malformed To header"),
                Arguments.of("CSeq that does not parse", RegisterExchange.of("""
                        REGISTER sip:example.com SIP/2.0
                        Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7
                        From: <sip:bob@example.com>;tag=1
                        To: <sip:bob@example.com>
                        Call-ID: a@b
                        CSeq: first REGISTER
                        Contact: <sip:bob@192.0.2.4>
                        """), "Malformed CSeq header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedRegisterGets400WithAReasonAndDoesNotProceed(String name, RegisterExchange x, String reason)
            throws Exception {
        RegistrationParser.builder().build().handle(x.req, x.res, x.next);

        assertThat(x.res.sent()).extracting(SipResponse::status, SipResponse::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(400, reason));
        assertThat(x.next.proceeded()).isZero();
        assertThat(x.next.failed()).isNull();
        assertThat(x.req.attribute(Registration.class)).isEmpty();
    }
}
