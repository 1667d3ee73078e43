package app.triplicate.ui.importer;

import app.triplicate.ui.MainWindow;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import sheet proposes sessions by the camera's own clock: a picture taken at 10:03 at -06:00, imported on a
 * computer in Tokyo (01:03 the next day there), is a morning session of 17 April, foldered under that day.
 */
class ImportCameraClockTest extends ImportUiTest {
    private TimeZone machineZone;

    @BeforeEach
    void computerInTokyo() {
        machineZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(machineZone);
    }

    @Test
    void aMorningAtMinusSixIsProposedAsAMorningAtTheCamerasTime() throws Exception {
        Path work = fixture.drive("Work SSD");
        Path card = fixture.card("IPHONE", "apple_iphonexr_IMG_3581.JPG");
        MainWindow window = showMainWindow(fixture.openContext());
        fx(() -> window.importFrom(card));
        waitForPlan();

        assertEquals("2020-04-17 Morning", lookup("#session-name-0").queryAs(TextField.class).getText());
        assertTrue(text("#session-when-0").startsWith("Fri 17 Apr 2020, 10:03 · "), text("#session-when-0"));

        clickOn("#import-start");
        waitUntil("the import ends", 60, () -> present("#card-verdict"));
        assertTrue(Files.isRegularFile(work.resolve("Triplicate/2020/2020-04-17 Morning/apple_iphonexr_IMG_3581.JPG")));
    }
}
