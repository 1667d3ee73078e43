package app.triplicate.ui.common;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.CopyPolicy;
import app.triplicate.progress.Cancellation;
import app.triplicate.progress.PushProgress;
import app.triplicate.remote.PushService;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The window's offsite uploads: after each import, once when the window opens and after the remote's settings
 * are saved, a push of everything that lacks a verified copy on the remote runs in the background, as a job
 * in the status bar ("Uploading offsite: 12 of 40 files, 3.10 MB/s, 4:05 left") that closing the window
 * stops. Never two at once: a request while one runs queues one more run after it (however many requests
 * came). Nothing runs when no remote is set.
 * <p>
 * While it runs, {@link #sessionPercentsProperty()} holds each session's share on the remote (by stable id),
 * polled from the push's counters a few times a second; when it ends, the catalog is re-read and the outcome
 * is shown in words (a notification when something needs the user). Used on the JavaFX thread only.
 */
public final class OffsiteUploads {
    private static final Logger LOG = LoggerFactory.getLogger(OffsiteUploads.class);
    public static final String JOB_NAME = "Uploading offsite";

    private final AppContext context;
    private boolean running;
    private boolean queued;
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Map<String, Integer>> sessionPercents = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyStringWrapper lastOutcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper lastFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper runs = new ReadOnlyIntegerWrapper();
    /** Set by {@link #limit}; otherwise each upload takes the settings' upload limit as it starts. */
    private PushService.Request request;

    OffsiteUploads(AppContext context) {
        this.context = context;
    }

    /** Uploads what is not offsite yet, now or (when an upload is running) right after it. */
    public void request() {
        if (context.jobs().closing()) {
            return;
        }
        if (running) {
            queued = true;
            return;
        }
        running = true;
        queued = false;
        CopyPolicy policy = context.settings().policy();
        context.background().run(() -> prepare(policy), prepared -> {
            if (prepared == null) {
                ended(); // no remote set: nothing to do, nothing shown
            } else {
                start(prepared);
            }
        }, e -> {
            show(OffsiteWords.failure(e), true);
            ended();
        });
    }

    /**
     * Limits the uploads from the next one on: {@code bytesPerSecond} for all files together (0: none) and
     * {@code parallel} files at once (as {@code push --limit --parallel}).
     */
    public void limit(long bytesPerSecond, int parallel) {
        request = new PushService.Request(java.util.Optional.empty(), bytesPerSecond, parallel);
    }

    /** An upload is running (or being prepared). */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** While an upload runs: sessions it is sending, by stable id, with how much of each is on the remote (0-99). */
    public ReadOnlyObjectProperty<Map<String, Integer>> sessionPercentsProperty() {
        return sessionPercents.getReadOnlyProperty();
    }

    /** The last upload's outcome in words, or why it stopped; empty before the first. */
    public ReadOnlyStringProperty lastOutcomeProperty() {
        return lastOutcome.getReadOnlyProperty();
    }

    /** The last upload stopped or left files behind: the outcome wants the user's attention. */
    public ReadOnlyBooleanProperty lastFailedProperty() {
        return lastFailed.getReadOnlyProperty();
    }

    /** Uploads finished so far, however they ended (tests wait on it). */
    public ReadOnlyIntegerProperty runsProperty() {
        return runs.getReadOnlyProperty();
    }

    /** What one push needs to show per-session progress: taken before it starts. */
    private record Prepared(Map<Long, String> stableIds, Map<String, long[]> before) {
    }

    private Prepared prepare(CopyPolicy policy) {
        if (context.services().remoteSettings.current().config().isEmpty()) {
            return null;
        }
        Map<String, long[]> before = new HashMap<>();
        for (StatusService.SessionStatus s : context.services().status.sessions(policy)) {
            before.put(s.id(), new long[]{s.bytes(), s.remote() == null ? 0 : s.remote().verifiedBytes()});
        }
        return new Prepared(context.services().remoteSettings.sessionIds(), before);
    }

    /** The settings' upload limit (read on the background thread); one that does not read is logged and ignored. */
    private PushService.Request fromSettings() {
        long rate = 0;
        try {
            rate = context.services().settings.load().uploadBytesPerSecond();
        } catch (IllegalArgumentException e) {
            LOG.warn("the upload limit in the settings is ignored: {}", e.getMessage());
        }
        return new PushService.Request(java.util.Optional.empty(), rate, PushService.DEFAULT_PARALLEL);
    }

    private void start(Prepared prepared) {
        if (context.jobs().closing()) {
            ended();
            return;
        }
        active.set(true);
        Cancellation cancellation = new Cancellation();
        Jobs.Job job = context.jobs().start(JOB_NAME, cancellation);
        PushProgress progress = new PushProgress();
        Poller poller = Poller.start(() -> update(prepared, progress, job));
        PushService.Request chosen = request;
        context.background().run(() -> {
            PushService.Request r = chosen != null ? chosen : fromSettings();
            return context.services().push.push(r, progress, cancellation);
        }, report -> {
            poller.stop();
            context.jobs().finished(job);
            String words = OffsiteWords.outcome(report);
            LOG.info("offsite upload: {}", words);
            show(words, OffsiteWords.needsAttention(report));
            finish();
        }, e -> {
            poller.stop();
            context.jobs().finished(job);
            show(OffsiteWords.failure(e), true);
            finish();
        });
    }

    private void update(Prepared prepared, PushProgress progress, Jobs.Job job) {
        PushProgress.Snapshot s = progress.snapshot();
        job.setMessage(Formats.uploadStatus(s));
        if (s.totalFiles() == 0) {
            return;
        }
        Map<String, Integer> percents = new HashMap<>();
        prepared.stableIds().forEach((id, stable) -> progress.sessionPercent(id).ifPresent(p -> {
            long[] b = prepared.before().get(stable);
            if (b != null) {
                percents.put(stable, Formats.uploadPercent(b[0], b[1], p));
            }
        }));
        if (!percents.equals(sessionPercents.get())) {
            sessionPercents.set(Map.copyOf(percents));
        }
    }

    private void finish() {
        sessionPercents.set(Map.of());
        context.catalogChanged();
        ended();
    }

    private void ended() {
        running = false;
        active.set(false);
        runs.set(runs.get() + 1);
        if (queued && !context.jobs().closing()) {
            request();
        }
    }

    private void show(String words, boolean attention) {
        lastOutcome.set(words);
        lastFailed.set(attention);
        if (!attention || context.jobs().closing()) {
            return;
        }
        Window owner = context.navigatorIfSet().map(Navigator::window).orElse(null);
        try {
            Notifications.create()
                    .title(words.startsWith("Offsite upload stopped") ? "Offsite upload stopped" : "Offsite upload")
                    .text(words)
                    .owner(owner != null && owner.isShowing() ? owner : null)
                    .hideAfter(Duration.seconds(30))
                    .showWarning();
        } catch (RuntimeException e) {
            LOG.warn("cannot show the notification: {}", words, e); // the status bar still says it
        }
    }
}
