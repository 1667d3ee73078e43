package app.triplicate.core;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which folder name a session rename gives, and which names a rename accepts. */
class SessionFolderNameTest {

    @Test
    void onlyTheSessionsPartOfTheFolderNameChangesAndTheDateStays() {
        assertEquals(Optional.of("2026/2026-05-01 Jones"),
                LibraryLayout.renamedFolder("2026/2026-05-01 Smith wedding", "Smith wedding", "Jones"));
        assertEquals(Optional.of("2026/2026-11-26 Evening"),
                LibraryLayout.renamedFolder("2026/2026-11-26 Afternoon", "2026-11-26 Afternoon", "Evening"),
                "a default name's date is written once");
        assertEquals(Optional.of("2026/2026-11-26 Evening"),
                LibraryLayout.renamedFolder("2026/2026-11-26 Afternoon", "2026-11-26 Afternoon", "2026-11-26 Evening"),
                "nor twice when the new name starts with it");
        assertEquals(Optional.of("2026/2026-05-01 AC_DC"),
                LibraryLayout.renamedFolder("2026/2026-05-01 Smith", "Smith", "AC/DC"),
                "characters a drive cannot hold become _ in the folder, as at ingest");
        assertEquals(Optional.of("Jones"), LibraryLayout.renamedFolder("Smith", "Smith", "Jones"));
    }

    @Test
    void aFolderWhoseNameDoesNotHoldTheSessionNameKeepsIt() {
        assertEquals(Optional.empty(), LibraryLayout.renamedFolder("2026/Smith/EOS R5", "Smith", "Jones"));
        assertEquals(Optional.empty(), LibraryLayout.renamedFolder("2026/2026-05-01 Goldsmith", "Smith", "Jones"),
                "the old name only as the end of a longer word is not the session's part");
    }

    @Test
    void blankOrMultiLineOrOverlongNamesAreRefused() {
        assertEquals("Smith", LibraryLayout.checkSessionName("  Smith "));
        assertThrows(IllegalArgumentException.class, () -> LibraryLayout.checkSessionName(" "));
        assertThrows(IllegalArgumentException.class, () -> LibraryLayout.checkSessionName(null));
        assertThrows(IllegalArgumentException.class, () -> LibraryLayout.checkSessionName("a\tb"));
        assertThrows(IllegalArgumentException.class, () -> LibraryLayout.checkSessionName("é".repeat(101)));
        assertEquals("é".repeat(100), LibraryLayout.checkSessionName("é".repeat(100)));
    }
}
