package app.triplicate.ui.common;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The benchmark's view of the window's start (bench/window-first-paint.sh): with the system property
 * {@value #FILE_PROPERTY} set to a file, the wall-clock time (epoch milliseconds) of the first pulse that lays out
 * the dashboard's first rows is written there, and the window closes when {@value #EXIT_PROPERTY} is true. Without
 * the property nothing happens. The time is taken inside the application because only it knows when the rows it
 * read are on screen; the script measures from before it starts the JVM.
 */
public final class FirstPaint {
    public static final String FILE_PROPERTY = "triplicate.bench.firstPaint";
    public static final String EXIT_PROPERTY = "triplicate.bench.exitAfterFirstPaint";
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private FirstPaint() {
    }

    /** Called on the JavaFX thread once rows are in {@code view}'s table. */
    public static void rowsShown(Node view) {
        String file = System.getProperty(FILE_PROPERTY);
        Scene scene = view.getScene();
        if (file == null || scene == null || REPORTED.get()) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            if (!REPORTED.compareAndSet(false, true)) {
                return;
            }
            try {
                Files.writeString(Path.of(file), System.currentTimeMillis() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (Boolean.getBoolean(EXIT_PROPERTY)) {
                Platform.exit();
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
