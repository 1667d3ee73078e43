package app.triplicate.ui;

import app.triplicate.settings.Home;
import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsStore;
import app.triplicate.testing.MainWindows;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Theme;
import app.triplicate.ui.settings.SettingsView;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings: checked as typed, saved to the settings file, and the theme applied at once. */
class SettingsViewTest extends UiTest {
    private MainWindow window;

    @AfterEach
    void lightAgain() {
        if (window != null) {
            fx(window::dispose);
        }
        fx(() -> Theme.apply("light"));
    }

    private Path settingsFile() {
        return Home.under(fixture.home()).settingsFile();
    }

    private Settings savedSettings() {
        return new SettingsStore(settingsFile(), "test").load();
    }

    private void showSettings(AppContext context) throws Exception {
        show(context, c -> (Parent) new SettingsView(c).node());
    }

    private void retype(String query, String text) {
        TextField field = lookup(query).queryAs(TextField.class);
        fx(field::clear);
        clickOn(field).write(text);
    }

    @Test
    void anInvalidSessionGapIsExplainedAndNotSaved() throws Exception {
        AppContext context = fixture.openContext();
        showSettings(context);
        String before = Files.readString(settingsFile());
        assertTrue(lookup("#settings-save").queryButton().isDisabled(), "nothing to save yet");

        retype("#settings-gap", "3 hours");
        Label problem = lookup("#settings-gap-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertEquals("\"3 hours\" is not a duration: write whole numbers with d, h, m or s, like 90m, 3h or 1h30m.",
                problem.getText());
        assertTrue(lookup("#settings-save").queryButton().isDisabled());
        assertEquals("Fix the problems above to save.", lookup("#settings-status").queryAs(Label.class).getText());
        type(KeyCode.ENTER); // the default button is disabled too
        clickOn("#settings-save");

        // a template without the session or the day, and a policy asking more offsite copies than copies
        retype("#settings-template", "{yyyy}/{MM}");
        assertTrue(lookup("#settings-template-problem").queryAs(Label.class).getText()
                .startsWith("The folder template needs {session} or the date down to {dd}"));
        assertFalse(lookup("#settings-template-example").query().isVisible());
        retype("#policy-offsite .text-field", "4");
        assertEquals("Offsite copies (4) cannot be more than the target (3): offsite copies are part of it.",
                lookup("#policy-problem").queryAs(Label.class).getText());

        Thread.sleep(300); // a save would have been written by now
        assertEquals(before, Files.readString(settingsFile()), "the settings file is untouched");
        assertEquals("3h", context.settings().sessionGap());

        // correcting the gap alone is not enough: the other two still block saving
        retype("#settings-gap", "90m");
        assertFalse(lookup("#settings-gap-problem").query().isVisible());
        assertTrue(lookup("#settings-save").queryButton().isDisabled());
    }

    @Test
    void theScrubIntervalIsCheckedAsTypedAndSaved() throws Exception {
        AppContext context = fixture.openContext();
        showSettings(context);
        assertEquals("30d", lookup("#settings-scrub").queryAs(javafx.scene.control.TextField.class).getText());
        reveal("#settings-scrub");
        retype("#settings-scrub", "12h");
        assertTrue(lookup("#settings-scrub-problem").queryAs(Label.class).getText()
                .startsWith("The scrub interval must be at least 1 day"));
        assertTrue(lookup("#settings-save").queryButton().isDisabled());
        retype("#settings-scrub", "14d");
        assertFalse(lookup("#settings-scrub-problem").query().isVisible());
        clickOn("#settings-save");
        waitUntil("it is saved", 10, () -> "Saved.".equals(lookup("#settings-status").queryAs(Label.class).getText()));
        assertEquals("14d", savedSettings().scrubInterval());
    }

    @Test
    void validChangesAreSavedToTheSettingsFile() throws Exception {
        AppContext context = fixture.openContext();
        showSettings(context);
        assertEquals("<drive>/Triplicate/2026/2026-11-14 Garden party/",
                lookup("#settings-template-example").queryAs(Label.class).getText(), "the default template");

        retype("#settings-upload-limit", "fast");
        assertTrue(lookup("#settings-upload-limit-problem").queryAs(Label.class).getText()
                .startsWith("The upload limit \"fast\" is not a rate"));
        assertTrue(lookup("#settings-save").queryButton().isDisabled());
        retype("#settings-upload-limit", "5MB/s");
        assertFalse(lookup("#settings-upload-limit-problem").query().isVisible());
        retype("#settings-gap", "90m");
        retype("#settings-template", "{camera}/{yyyy}-{MM}-{dd} {session}");
        assertEquals("<drive>/Triplicate/Canon EOS R6/2026-11-14 Garden party/",
                lookup("#settings-template-example").queryAs(Label.class).getText(), "a live example");
        clickOn("#policy-target .increment-arrow-button");
        clickOn("#policy-offsite .increment-arrow-button");
        assertEquals("Not saved yet.", lookup("#settings-status").queryAs(Label.class).getText());

        clickOn("#settings-save");
        waitUntil("it is saved", 10, () -> "Saved.".equals(lookup("#settings-status").queryAs(Label.class).getText()));
        Settings saved = savedSettings();
        assertEquals("90m", saved.sessionGap());
        assertEquals("{camera}/{yyyy}-{MM}-{dd} {session}", saved.folderTemplate());
        assertEquals(4, saved.targetCopies());
        assertEquals(2, saved.offsiteCopies());
        assertEquals(2, saved.copiesBeforeFormat());
        assertEquals("light", saved.theme());
        assertEquals("5MB/s", saved.uploadLimit());
        assertEquals(saved.withDefaults().policy(), context.settings().policy(), "the window uses them now");
        assertTrue(lookup("#settings-save").queryButton().isDisabled());

        // a typed digit counts at once, without Enter
        retype("#policy-before-format .text-field", "3");
        assertEquals(3, ((Spinner<?>) lookup("#policy-before-format").query()).getValue());
        assertFalse(lookup("#settings-save").queryButton().isDisabled());
        clickOn("#settings-revert");
        assertEquals(2, ((Spinner<?>) lookup("#policy-before-format").query()).getValue(), "back to the saved value");
    }

    @Test
    void switchingToDarkAppliesAtOnceAndIsRemembered() throws Exception {
        fixture.drive("Studio SSD");
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the dashboard shows", 10, () -> lookup("#sessions-table").tryQuery().filter(Node::isVisible)
                .isPresent());
        assertFalse(Application.getUserAgentStylesheet().contains("primer-dark"));

        clickOn("#nav-settings");
        clickOn("#theme-dark");
        waitUntil("the window turns dark", 10, () -> Application.getUserAgentStylesheet().contains("primer-dark"));
        waitUntil("the choice is saved", 10, () -> "dark".equals(savedSettings().theme()));

        clickOn("#theme-light");
        waitUntil("the window turns light", 10, () -> !Application.getUserAgentStylesheet().contains("primer-dark"));
        waitUntil("the choice is saved", 10, () -> "light".equals(savedSettings().theme()));
    }
}
