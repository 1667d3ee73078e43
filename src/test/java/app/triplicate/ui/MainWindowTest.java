package app.triplicate.ui;

import app.triplicate.progress.Cancellation;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Jobs;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window's frame: navigation, status bar, and closing while work runs. */
class MainWindowTest extends UiTest {
    private MainWindow window;
    private final AtomicInteger exits = new AtomicInteger();

    private void openWindow(AppContext context) throws Exception {
        FxToolkit.setupFixture(() -> {
            window = new MainWindow(context, stage, exits::incrementAndGet);
            window.show();
        });
    }

    @Test
    void opensOnTheDashboardWhenDrivesAreRegistered() throws Exception {
        fixture.drive("Work SSD", "--role", "working");
        fixture.ingest(fixture.card("canon", "canon_eosrp__MG_0635.JPG"), "--name", "Headshots");
        openWindow(fixture.openContext());
        waitUntil("the session is listed", 20, () -> window.dashboard().visibleRows().size() == 1);
        assertTrue(lookup("#nav-sessions").queryAs(ToggleButton.class).isSelected());
        assertEquals("Headshots", window.dashboard().visibleRows().get(0).name());
        assertEquals("Idle", lookup("#status-work").queryAs(Label.class).getText());
        assertEquals("Triplicate", stage.getTitle());
    }

    @Test
    void closingWithoutWorkClosesAtOnce() throws Exception {
        fixture.drive("Work SSD");
        openWindow(fixture.openContext());
        fx(() -> window.requestClose());
        assertFalse(stage.isShowing());
        assertEquals(1, exits.get());
    }

    @Test
    void closingDuringAJobAsksFirstThenStopsItCleanly() throws Exception {
        fixture.drive("Work SSD");
        AppContext context = fixture.openContext();
        openWindow(context);
        Cancellation cancel = new Cancellation();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        Jobs.Job[] job = new Jobs.Job[1];
        fx(() -> {
            job[0] = context.jobs().start("Importing EOS_DIGITAL", cancel);
            job[0].setMessage("Importing EOS_DIGITAL 45%");
            // a long job as the services run one: it checks its cancellation between files
            context.background().execute(() -> {
                while (!cancel.isCancelled()) {
                    pause(20);
                }
                sawCancel.set(true);
                pause(200); // finishing the file in hand
                stopped.countDown();
            }, () -> context.jobs().finished(job[0]));
        });
        waitUntil("the status bar shows the job", 5,
                () -> lookup("#status-work").queryAs(Label.class).getText().equals("Importing EOS_DIGITAL 45%"));

        // first ask: the user keeps the window open
        fx(() -> window.requestClose());
        waitUntil("the question is shown", 5, () -> lookup("Stop and close").tryQuery().isPresent());
        clickOn(lookup(".dialog-pane .button").match(n -> ((Button) n).getText().equals("Cancel")).queryButton());
        assertTrue(stage.isShowing());
        assertFalse(cancel.isCancelled(), "answering Cancel leaves the job running");

        // second ask: stop and close
        fx(() -> window.requestClose());
        waitUntil("the question is shown", 5, () -> lookup("Stop and close").tryQuery().isPresent());
        clickOn("Stop and close");
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        assertTrue(sawCancel.get());
        waitUntil("the window closes once the job has stopped", 5, () -> !stage.isShowing());
        assertEquals(1, exits.get());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
