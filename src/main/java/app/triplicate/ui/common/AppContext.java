package app.triplicate.ui.common;

import app.triplicate.settings.Settings;
import app.triplicate.wiring.Services;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Clock;
import java.util.Objects;

/**
 * What every view of the window shares: the services (used only from {@link Background} tasks), the
 * background executor, the running jobs, the current settings, and a counter that goes up whenever the
 * catalog changed so views reload.
 */
public final class AppContext {
    private final Services services;
    private final Background background;
    private final Jobs jobs = new Jobs();
    private final Clock clock;
    private final ObjectProperty<Settings> settings;
    private final LongProperty catalogVersion = new SimpleLongProperty();
    private Navigator navigator;
    private final OffsiteUploads offsite = new OffsiteUploads(this);
    private final FolderChoices folders;

    /** @param settings the settings as loaded (off the JavaFX thread) */
    public AppContext(Services services, Background background, Settings settings, Clock clock) {
        this.services = services;
        this.background = background;
        this.clock = clock;
        this.settings = new SimpleObjectProperty<>(settings.withDefaults());
        // the last folders are a convenience: a failed write is logged (by Background), not shown
        this.folders = new FolderChoices(app.triplicate.settings.WindowStateStore.of(services.home),
                write -> background.run(() -> {
                    write.run();
                    return null;
                }, done -> { }, failed -> { }));
    }

    /** The folder choosers, each opening where the last folder of its kind was chosen. */
    public FolderChoices folders() {
        return folders;
    }

    /** The services: call them only inside {@link Background} work, never on the JavaFX thread. */
    public Services services() {
        return services;
    }

    public Background background() {
        return background;
    }

    public Jobs jobs() {
        return jobs;
    }

    public Clock clock() {
        return clock;
    }

    public Settings settings() {
        return settings.get();
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings;
    }

    /** Saves new settings off the JavaFX thread, then makes them current. */
    public void saveSettings(Settings updated, Runnable done) {
        Settings s = updated.withDefaults();
        background.execute(() -> services.settings.save(s), () -> {
            settings.set(s);
            done.run();
        });
    }

    /** Goes up by one whenever an import, a verification, a repair or a drive change altered the catalog. */
    public ReadOnlyLongProperty catalogVersionProperty() {
        return catalogVersion;
    }

    private final javafx.beans.property.StringProperty backupWarning = new javafx.beans.property.SimpleStringProperty("");

    /**
     * The window's one call after an import, verify, repair or cull (off the JavaFX thread, after the work): the
     * catalog backups on the drives ({@link app.triplicate.drives.CatalogBackups}). A drive that missed its backup
     * is named in {@link #backupWarningProperty()}; the work itself stands.
     */
    public void afterWork(String work) {
        String warning = String.join(" ", services.backups.afterWork(work).warnings());
        javafx.application.Platform.runLater(() -> backupWarning.set(warning));
    }

    /** What the last round of catalog backups missed, in words; empty when every connected drive took one. */
    public javafx.beans.property.ReadOnlyStringProperty backupWarningProperty() {
        return backupWarning;
    }

    /** Tells every view that the catalog changed (JavaFX thread). */
    public void catalogChanged() {
        catalogVersion.set(catalogVersion.get() + 1);
    }

    public Navigator navigator() {
        return Objects.requireNonNull(navigator, "the main window sets the navigator");
    }

    /** The navigator, when a main window has set one (views shown alone in tests have none). */
    public java.util.Optional<Navigator> navigatorIfSet() {
        return java.util.Optional.ofNullable(navigator);
    }

    /** The background uploads to the remote. */
    public OffsiteUploads offsite() {
        return offsite;
    }

    public void setNavigator(Navigator navigator) {
        this.navigator = navigator;
    }
}
