package app.triplicate.ui.drives;

import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Background;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refusal the user is told about in words (a folder on the same disk as a drive) is not a fault: the log gets
 * one line without a stack trace, below WARN, so the console stays quiet; a real fault still gets its trace.
 */
class RefusalLoggingTest extends UiTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger backgroundLog;

    @BeforeEach
    void captureTheLog() {
        backgroundLog = (Logger) LoggerFactory.getLogger(Background.class);
        backgroundLog.setLevel(Level.DEBUG);
        logged.start();
        backgroundLog.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        backgroundLog.detachAppender(logged);
        backgroundLog.setLevel(null);
    }

    @Test
    void aRefusedSameDiskFolderLogsNoStackTraceAtWarn() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        AppContext context = fixture.openContext();
        DrivesView[] view = new DrivesView[1];
        show(context, c -> {
            view[0] = new DrivesView(c);
            return (Parent) view[0].node();
        });
        Path second = Files.createDirectories(tmp.resolve("drives/Second"));

        clickOn("#drive-add");
        TextField path = lookup("#add-drive-path").queryAs(TextField.class);
        fx(() -> path.setText(second.toString()));
        clickOn("#add-drive-label").write("Backup B");
        clickOn("#add-drive-confirm");
        waitUntil("the refusal is shown", 10, () -> lookup("#add-drive-problem").query().isVisible());
        assertTrue(lookup("#add-drive-problem-text").queryAs(Label.class).getText().contains("same disk"));

        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().contains("same disk")),
                "the refusal is in the log: " + events);
        for (ILoggingEvent e : events) {
            assertTrue(e.getLevel().isGreaterOrEqual(Level.WARN) == false, "logged at " + e.getLevel() + ": " + e);
            assertEquals(null, e.getThrowableProxy(), "no stack trace for a refusal: " + e);
        }
    }

    @Test
    void anUnexpectedFailureStillLogsItsStackTraceAtWarn() throws Exception {
        AppContext context = fixture.openContext();
        List<Throwable> shown = new CopyOnWriteArrayList<>();
        context.background().run(() -> {
            throw new IllegalStateException("a bug");
        }, ignored -> { }, shown::add);
        waitUntil("the failure comes back", 10, () -> !shown.isEmpty());
        ILoggingEvent e = logged.list.stream().filter(x -> x.getThrowableProxy() != null).findFirst().orElseThrow();
        assertEquals(Level.WARN, e.getLevel());
        assertEquals("a bug", e.getThrowableProxy().getMessage());
    }
}
