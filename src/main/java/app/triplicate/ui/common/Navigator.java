package app.triplicate.ui.common;

import javafx.stage.Window;

import java.nio.file.Path;

/** What any view may ask of the main window. */
public interface Navigator {
    void showDashboard();

    /** Opens a session's files (by the session's stable id). */
    void showSession(String sessionId);

    void showDrives();

    void showSettings();

    /** Opens the import sheet for a card or folder. */
    void importFrom(Path card);

    /** Asks for a folder, then opens the import sheet. */
    void chooseAndImport();

    /** Starts verify-all. */
    void verifyAll();

    Window window();
}
