package app.triplicate.ui;

import javafx.application.Application;

/**
 * Opens the window. Kept apart from {@link TriplicateApp} so the executable jar's main class does not
 * extend {@code Application} (JavaFX then loads from the class path without a launcher check).
 */
public final class Desktop {
    private Desktop() {
    }

    public static void launch(String[] args) {
        Application.launch(TriplicateApp.class, args);
    }
}
