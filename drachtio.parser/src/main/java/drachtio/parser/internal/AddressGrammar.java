package drachtio.parser.internal;

import drachtio.api.header.Address;
import drachtio.api.header.Contact;
import java.util.List;

/** STUB: to be written (helper "grammars"). */
public final class AddressGrammar {
    private AddressGrammar() {
    }

    public static Address address(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static List<Address> addresses(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }

    public static List<Contact> contacts(CharSequence s) {
        throw new UnsupportedOperationException("not written yet");
    }
}
