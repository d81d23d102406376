package drachtio.parser.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.header.AbsoluteUri;
import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.Parameters;
import drachtio.api.header.SipUri;
import drachtio.api.message.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGrammarTest {

    @Test
    void addrSpecParamsBelongToHeader() {
        // RFC 4475 cparam01
        List<Contact> c = AddressGrammar.contacts("sip:+19725552222@gw1.example.net;unknownparam");
        assertThat(c).hasSize(1);
        assertThat(c.getFirst().parameters()).isEqualTo(Parameters.of("unknownparam", null));
        assertThat(((SipUri) c.getFirst().uri().orElseThrow()).parameters().isEmpty()).isTrue();
        Contact e = AddressGrammar.contacts("sip:user@host;expires=5").getFirst();
        assertThat(e.expires()).hasValue(5);
    }

    @Test
    void nameAddrParamsInsideBracketsBelongToUri() {
        // RFC 4475 cparam02
        Contact c = AddressGrammar.contacts("<sip:+19725552222@gw1.example.net;unknownparam>").getFirst();
        assertThat(c.parameters().isEmpty()).isTrue();
        assertThat(((SipUri) c.uri().orElseThrow()).parameters()).isEqualTo(Parameters.of("unknownparam", null));
    }

    @Test
    void toleratesWhitespaceAroundSemicolonsAndEquals() {
        // RFC 4475 wsinv To and From
        Address to = AddressGrammar.address("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n");
        assertThat(to.tag()).contains("1918181833n");
        assertThat(to.displayName()).isNull();
        assertThat(to.uri().toString()).isEqualTo("sip:vivekg@chair-dnrc.example.com");
        Address from = AddressGrammar.address("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>  ;  tag = 98asjd8");
        assertThat(from.displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(from.tag()).contains("98asjd8");
    }

    @Test
    void needsNoWhitespaceBeforeAngleBracket() {
        // RFC 4475 lwsdisp
        Address a = AddressGrammar.address("caller<sip:caller@example.com>;tag=323");
        assertThat(a.displayName()).isEqualTo("caller");
        assertThat(a.tag()).contains("323");
    }

    @Test
    void joinsTokenDisplayNamesWithSingleSpaces() {
        // RFC 4475 intmeth From
        Address a = AddressGrammar.address("token1~` token2'+_ \t token3*%!.- <sip:mundane@example.com>;"
                + "fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.");
        assertThat(a.displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(a.parameters().get("fromParam''~+*_!.-%")).contains("\"работающий\"");
        assertThat(a.tag()).contains("_token~1'+`*%!-.");
    }

    @Test
    void resolvesQuotedPairsIncludingControlCharacters() {
        // RFC 4475 intmeth To
        Address a = AddressGrammar.address("\"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007f\" <sip:x@example.com>");
        assertThat(a.displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
    }

    @Test
    void keepsPercentInQuotedDisplayNameUndecoded() {
        // RFC 4475 esc02
        assertThat(AddressGrammar.address("\"%Z%45\" <sip:resource@example.com>").displayName()).isEqualTo("%Z%45");
    }

    @Test
    void rejectsNonTokenUnquotedDisplayName() {
        // RFC 4475 baddn
        assertThatThrownBy(() -> AddressGrammar.address("Bell, Alexander <sip:a.g.bell@example.com>;tag=43"))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("Watson, Thomas <sip:t.watson@example.org>"))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void quotedCommaDisplayNameIsFine() {
        assertThat(AddressGrammar.address("\"Bell, Alexander\" <sip:a.g.bell@example.com>;tag=433423").displayName())
                .isEqualTo("Bell, Alexander");
    }

    @Test
    void rejectsSpacesInsideAngleBrackets() {
        // RFC 4475 badaspec (either): refused
        assertThatThrownBy(() -> AddressGrammar.address("\"Watson, Thomas\" < sip:t.watson@example.org >"))
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void rejectsUnterminatedQuotesAndBrackets() {
        // RFC 4475 quotbal
        assertThatThrownBy(() -> AddressGrammar.address("\"Mr. J. User <sip:j.user@example.com>"))
                .isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("<sip:j.user@example.com")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("\"x\" sip:a@b")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("<sip:a@b>;")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("<sip:a@b>;tag=")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.address("<sip:a@b> x")).isInstanceOf(SipParseException.class);
    }

    @Test
    void acceptsUnknownSchemesInAddresses() {
        // RFC 4475 unksm2
        assertThat(AddressGrammar.address("isbn:2983792873").uri()).isEqualTo(new AbsoluteUri("isbn", "2983792873"));
        Address from = AddressGrammar.address("<http://www.example.com>;tag=3234233");
        assertThat(from.uri()).isEqualTo(new AbsoluteUri("http", "//www.example.com"));
        assertThat(from.tag()).contains("3234233");
        assertThat(AddressGrammar.contacts("<name:John_Smith>").getFirst().uri()).contains(new AbsoluteUri("name", "John_Smith"));
    }

    @Test
    void toleratesUriHeadersInAddrSpec() {
        // RFC 4475 regbadct (either): accepted
        Contact c = AddressGrammar.contacts("sip:user@example.com?Route=%3Csip:sip.example.com%3E").getFirst();
        assertThat(((SipUri) c.uri().orElseThrow()).headers().get("Route")).contains("%3Csip:sip.example.com%3E");
    }

    @Test
    void parsesWildcardContactAlone() {
        assertThat(AddressGrammar.contacts("*")).containsExactly(Contact.WILDCARD);
        assertThatThrownBy(() -> AddressGrammar.contacts("*, <sip:a@b>")).isInstanceOf(SipParseException.class);
    }

    @Test
    void parsesContactWithManyParams() {
        // RFC 4475 wsinv m:
        List<Contact> c = AddressGrammar.contacts(
                "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; q = 0.33");
        assertThat(c).hasSize(1);
        Address a = c.getFirst().address();
        assertThat(a.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(a.parameters()).isEqualTo(Parameters.of("newparam", "newvalue", "secondparam", null, "q", "0.33"));
        assertThat(c.getFirst().q()).hasValue(0.33);
    }

    @Test
    void splitsListsOnlyOnTopLevelCommas() {
        List<Contact> c = AddressGrammar.contacts(
                "\"a, b\" <sip:1_unusual,x@h1>;p=\"x,y\" , sip:u@h2;expires=5,<sip:h3>");
        assertThat(c).hasSize(3);
        assertThat(c.get(0).address().displayName()).isEqualTo("a, b");
        assertThat(((SipUri) c.get(0).uri().orElseThrow()).user()).isEqualTo("1_unusual,x");
        assertThat(c.get(0).parameters().get("p")).contains("\"x,y\"");
        assertThat(c.get(1).expires()).hasValue(5);
        assertThat(c.get(2).uri().orElseThrow().toString()).isEqualTo("sip:h3");
    }

    @Test
    void escapedNullContactsAreDistinct() {
        // RFC 4475 escnull
        Contact a = AddressGrammar.contacts("<sip:null-%00-null@example.com>").getFirst();
        Contact b = AddressGrammar.contacts("<sip:null-%2500-null@example.com>").getFirst();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void parsesRouteLists() {
        List<Address> r = AddressGrammar.addresses(
                "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>, <sip:p2.example.com;lr>");
        assertThat(r).hasSize(2);
        SipUri u = (SipUri) r.get(0).uri();
        assertThat(u.parameters()).isEqualTo(Parameters.of("lr", null, "unknownwith", "value", "unknown-no-value", null));
        assertThatThrownBy(() -> AddressGrammar.addresses("<sip:a@b>,")).isInstanceOf(SipParseException.class);
        assertThatThrownBy(() -> AddressGrammar.addresses("<sip:a@b>,,<sip:c@d>")).isInstanceOf(SipParseException.class);
    }

    @Test
    void ipv6HostsInAddresses() {
        // RFC 5118 4.9
        Contact c = AddressGrammar.contacts("\"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>").getFirst();
        assertThat(((SipUri) c.uri().orElseThrow()).host()).isEqualTo("[::ffff:192.0.2.2]");
        Address a = AddressGrammar.address("sip:user@[2001:db8:::192.0.2.1]");
        assertThat(((SipUri) a.uri()).host()).isEqualTo("[2001:db8:::192.0.2.1]");
        assertThat(AddressGrammar.address("<sip:a@b>;received=[2001:db8::1]").parameters().get("received"))
                .contains("[2001:db8::1]");
    }

    @Test
    void emptyQuotedDisplayNameIsEmptyNotAbsent() {
        assertThat(AddressGrammar.address("\"\" <sip:a@b>").displayName()).isEmpty();
        assertThat(AddressGrammar.address("<sip:a@b>").displayName()).isNull();
    }

    @Test
    void wireFormReparsesToTheSameAddress() {
        Address a = AddressGrammar.address("Alice <sip:alice@atlanta.example.com;transport=tcp>;tag=1928301774;x=\"q\"");
        assertThat(AddressGrammar.address(a.toString())).isEqualTo(a);
    }
}
