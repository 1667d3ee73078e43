package app.triplicate.wiring;

import app.triplicate.settings.Home;

/**
 * Points the rotating log file at the home folder: before the first line is logged ({@link LogConfiguration} opens
 * the file then), which may be after the first logger was created.
 */
public final class Logging {
    private Logging() {
    }

    public static void init(Home home) {
        if (System.getProperty(LogConfiguration.LOG_DIR) == null) {
            System.setProperty(LogConfiguration.LOG_DIR, home.logDir().toString());
        }
    }
}
