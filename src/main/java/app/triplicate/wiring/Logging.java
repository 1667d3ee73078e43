package app.triplicate.wiring;

import app.triplicate.settings.Home;

/** Points the rotating log file at the home folder; must run before the first logger is created. */
public final class Logging {
    private Logging() {
    }

    public static void init(Home home) {
        if (System.getProperty("triplicate.logDir") == null) {
            System.setProperty("triplicate.logDir", home.logDir().toString());
        }
    }
}
