package app.triplicate.ui.common;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Progress reaches the window on a fixed schedule, never once per file: a long job keeps plain-Java
 * counters (volatile fields, {@code TransferProgress} snapshots), and this timer copies them into the
 * controls a few times a second on the JavaFX thread.
 */
public final class Poller {
    public static final Duration DEFAULT_PERIOD = Duration.millis(250);

    private final Timeline timeline;

    private Poller(Duration period, Runnable onFxThread) {
        timeline = new Timeline(new KeyFrame(period, e -> onFxThread.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    /** Starts calling {@code onFxThread} every {@code period}; call from the JavaFX thread. */
    public static Poller every(Duration period, Runnable onFxThread) {
        Poller p = new Poller(period, onFxThread);
        p.timeline.play();
        return p;
    }

    public static Poller start(Runnable onFxThread) {
        return every(DEFAULT_PERIOD, onFxThread);
    }

    /** Stops polling (call a last update yourself for the final figures). */
    public void stop() {
        timeline.stop();
    }
}
