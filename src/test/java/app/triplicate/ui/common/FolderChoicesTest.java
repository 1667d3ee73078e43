package app.triplicate.ui.common;

import app.triplicate.settings.Home;
import app.triplicate.settings.WindowStateStore;
import app.triplicate.ui.common.FolderChoices.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the window's folder choosers open: beside the last folder of the same kind, remembered across runs. */
class FolderChoicesTest {
    @TempDir
    Path tmp;

    /** A new window on the same home, as after a restart; writes happen at once. */
    private FolderChoices restarted() {
        return new FolderChoices(WindowStateStore.of(Home.under(tmp.resolve("home"))), Runnable::run);
    }

    @Test
    void opensBesideTheLastFolderChosenOfTheSameKindAfterARestart() throws Exception {
        Path media = Files.createDirectories(tmp.resolve("media/you"));
        Path card = Files.createDirectories(media.resolve("EOS_DIGITAL"));
        Path restoreInto = Files.createDirectories(tmp.resolve("Desktop/restored"));

        FolderChoices first = restarted();
        assertEquals(Optional.empty(), first.initialDirectory(Purpose.IMPORT), "nothing chosen yet: the system's own");
        first.remember(Purpose.IMPORT, card);
        first.remember(Purpose.RESTORE, restoreInto);
        assertTrue(Files.isRegularFile(tmp.resolve("home/config/window-state.json")), "kept beside the settings");

        FolderChoices again = restarted();
        assertEquals(Optional.of(media), again.initialDirectory(Purpose.IMPORT),
                "the folder holding the last card, so it and the cards beside it are in sight");
        assertEquals(Optional.of(tmp.resolve("Desktop")), again.initialDirectory(Purpose.RESTORE));
        assertEquals(Optional.empty(), again.initialDirectory(Purpose.DRIVE), "each kind of choice its own");
    }

    @Test
    void aFolderThatIsGoneOpensAtTheNearestFolderAboveItThatIsLeft() throws Exception {
        Path drives = Files.createDirectories(tmp.resolve("mnt"));
        FolderChoices choices = restarted();
        choices.remember(Purpose.DRIVE, drives.resolve("usb-backup/Backup A")); // unplugged since

        assertEquals(Optional.of(drives), restarted().initialDirectory(Purpose.DRIVE));
    }

    @Test
    void theLatestChoiceWinsAndADamagedFileIsForgottenNotFatal() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("one/a"));
        Path b = Files.createDirectories(tmp.resolve("two/b"));
        FolderChoices choices = restarted();
        choices.remember(Purpose.DRIVE, a);
        choices.remember(Purpose.DRIVE, b);
        assertEquals(Optional.of(tmp.resolve("two")), choices.initialDirectory(Purpose.DRIVE));
        assertEquals(Optional.of(tmp.resolve("two")), restarted().initialDirectory(Purpose.DRIVE));

        Files.writeString(tmp.resolve("home/config/window-state.json"), "{ not json");
        assertEquals(Optional.empty(), restarted().initialDirectory(Purpose.DRIVE));
        FolderChoices fresh = restarted();
        fresh.remember(Purpose.DRIVE, a);
        assertEquals(Optional.of(tmp.resolve("one")), restarted().initialDirectory(Purpose.DRIVE),
                "written afresh over the damaged file");
    }
}
