package app.triplicate.ui;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.settings.Settings;
import app.triplicate.wiring.Logging;
import app.triplicate.wiring.Services;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Opens the window. Kept apart from {@link TriplicateApp} so the executable jar's main class does not
 * extend {@code Application} (JavaFX then loads from the class path without a launcher check).
 */
public final class Desktop {
    private static final int CANNOT_RUN = 3;

    private Desktop() {
    }

    /**
     * Shows the window on {@code home} until it closes; returns the exit code: 3 when the catalog cannot be
     * opened (most often: it is open in another window) or there is no display to show it on.
     * The catalog is opened before the toolkit starts, so a refusal is said the same way with or without a
     * display: one line on the console (no stack trace) and, where there is a desktop, in a dialog.
     */
    public static int launch(Home home) {
        Logging.init(home);
        Services services = null;
        Settings settings;
        try {
            services = Services.open(home, new LocalFileAccess(), mountRoots(), java.time.Clock.systemDefaultZone());
            settings = services.settings.load();
        } catch (CannotRunException e) {
            LoggerFactory.getLogger(Desktop.class).info("window not opened: {}", e.getMessage());
            close(services);
            System.err.println("error: " + e.getMessage());
            // a studio catalog on a server is not restored from the drives (its backups are the server's)
            boolean studio = new app.triplicate.wiring.CatalogChoice(home.configDir()).connection().isPresent();
            if (CatalogRecovery.offersRestore(e) && !studio && displayAvailable()) {
                // the window offers what 'catalog restore' and 'catalog rebuild' do, and opens on the catalog they make
                TriplicateApp.recover(home, e.getMessage(), CatalogRecovery.offersAccept(e),
                        new CatalogRecovery(home, mountRoots(),
                        java.time.Clock.systemUTC()));
                return 0;
            }
            return refuse(e.getMessage());
        } catch (UsageException | UncheckedIOException e) {
            // expected refusals, each naming what is wrong: the catalog in use, a settings file unreadable
            LoggerFactory.getLogger(Desktop.class).info("window not opened: {}", e.getMessage());
            close(services);
            System.err.println("error: " + e.getMessage());
            return refuse(e.getMessage());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Desktop.class).error("cannot start", e);
            close(services);
            System.err.println("internal error: " + e + " (details in the log folder: " + home.logDir() + ")");
            return refuse(e + "\n\nThe details are in the log folder: " + home.logDir());
        }
        if (!displayAvailable()) {
            services.close();
            System.err.println("error: Triplicate's window needs a desktop session, and none was found "
                    + "(neither DISPLAY nor WAYLAND_DISPLAY is set). Everything also runs from the command line: "
                    + "triplicate --help");
            return CANNOT_RUN;
        }
        TriplicateApp.show(services, settings);
        return 0;
    }

    /** Where drives are looked for: the same places as the command line's. */
    static java.util.List<java.nio.file.Path> mountRoots() {
        return app.triplicate.drives.DriveService.mountRoots(System.getenv());
    }

    private static void close(Services services) {
        if (services != null) {
            services.close();
        }
    }

    /** Says why the window cannot open in a dialog too, where there is a desktop to show it on. */
    private static int refuse(String message) {
        if (displayAvailable()) {
            TriplicateApp.refuse(message);
        }
        return CANNOT_RUN;
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
