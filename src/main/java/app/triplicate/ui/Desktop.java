package app.triplicate.ui;

import javafx.application.Application;

import java.util.Locale;

/**
 * Opens the window. Kept apart from {@link TriplicateApp} so the executable jar's main class does not
 * extend {@code Application} (JavaFX then loads from the class path without a launcher check).
 */
public final class Desktop {
    private Desktop() {
    }

    /** Shows the window until it closes; returns the exit code (3 when there is no display to show it on). */
    public static int launch(String[] args) {
        if (!displayAvailable()) {
            System.err.println("error: Triplicate's window needs a desktop session, and none was found "
                    + "(neither DISPLAY nor WAYLAND_DISPLAY is set). Everything also runs from the command line: "
                    + "triplicate --help");
            return 3;
        }
        Application.launch(TriplicateApp.class, args);
        return 0;
    }

    private static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") && !os.contains("bsd")) {
            return true; // macOS and Windows always have their window system
        }
        if (System.getProperty("glass.platform") != null) {
            return true; // Monocle (headless tests)
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
