package drachtio.middleware;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import drachtio.api.header.SipUri;
import drachtio.middleware.Registration.Binding;
import drachtio.middleware.Registration.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationTest {
    private static final SipUri AOR = SipUri.of("bob", "example.com");
    private static final Binding LIVE = new Binding(Contact.of(Address.of(SipUri.of("bob", "192.0.2.4"))), 60);
    private static final Binding GONE = new Binding(Contact.of(Address.of(SipUri.of("bob", "192.0.2.5"))), 0);

    @Test
    void aBindingIsNeverTheWildcardNorNegative() {
        assertThatThrownBy(() -> new Binding(Contact.WILDCARD, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Binding(LIVE.contact(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKindMustFitTheContacts() {
        assertThatThrownBy(() -> new Registration(Kind.QUERY, AOR, List.of(LIVE), false, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registration(Kind.REGISTER, AOR, List.of(GONE), false, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registration(Kind.UNREGISTER, AOR, List.of(LIVE, GONE), false, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registration(Kind.UNREGISTER, AOR, List.of(), false, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registration(Kind.UNREGISTER, AOR, List.of(GONE), true, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Registration(Kind.REGISTER, AOR, List.of(LIVE), true, "c", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contactsAreCopied() {
        List<Binding> list = new ArrayList<>(List.of(LIVE, GONE));
        Registration reg = new Registration(Kind.REGISTER, AOR, list, false, "c", 1);
        list.clear();

        assertThat(reg.contacts()).containsExactly(LIVE, GONE);
        assertThatThrownBy(() -> reg.contacts().add(LIVE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
