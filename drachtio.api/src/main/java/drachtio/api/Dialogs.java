package drachtio.api;

import java.util.Optional;

/** The live dialogs of an {@link App} ({@link App#dialogs()}): a dialog leaves when it ends. */
public interface Dialogs {

    /**
     * @param id a dialog ID as {@link Dialog#id()} gives it
     * @return the live dialog with that ID
     */
    Optional<Dialog> find(String id);

    /** @return how many dialogs are live now */
    int count();
}
