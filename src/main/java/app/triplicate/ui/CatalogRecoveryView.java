package app.triplicate.ui;

import app.triplicate.progress.RebuildProgress;
import app.triplicate.ui.common.Background;
import app.triplicate.ui.common.Poller;
import app.triplicate.wiring.Services;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The window shown instead of the main window when the catalog cannot be used: the problem, and the two ways back
 * ({@link CatalogRecovery#RESTORE}, {@link CatalogRecovery#REBUILD}) run in the background with the rebuild's
 * steps shown, then the outcome and Continue, which opens the main window on the recovered catalog. No I/O here:
 * each action is one call into {@link CatalogRecovery}.
 */
final class CatalogRecoveryView {
    /** The newest step of a running rebuild, copied into the controls by a {@link Poller}. */
    private record Step(String what, int done, int total) {
    }

    private final CatalogRecovery recovery;
    private final Background background;
    private final Consumer<Services> opened;
    private final Runnable quit;
    private final VBox root = new VBox(12);
    private final Label outcome = new Label();
    private final Label step = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final Button restore = new Button(CatalogRecovery.RESTORE);
    private final Button rebuild = new Button(CatalogRecovery.REBUILD);
    private final Button accept = new Button(CatalogRecovery.ACCEPT);
    private final Button quitButton = new Button(CatalogRecovery.QUIT);
    private final Button continueButton = new Button("Continue");
    private final AtomicReference<Step> latest = new AtomicReference<>();

    /**
     * @param offerAccept also offer {@link CatalogRecovery#ACCEPT} (only this computer says the catalog is lost)
     * @param opened      receives the services on the recovered or kept catalog, when the user continues
     * @param quit        runs when the user quits
     */
    CatalogRecoveryView(CatalogRecovery recovery, String problem, boolean offerAccept, Background background,
                        Consumer<Services> opened, Runnable quit) {
        this.recovery = recovery;
        this.background = background;
        this.opened = opened;
        this.quit = quit;
        Label header = new Label(CatalogRecovery.HEADER);
        header.getStyleClass().add("page-title");
        Label problemText = new Label(problem);
        problemText.setId("recoveryProblem");
        problemText.setWrapText(true);
        Label question = new Label(CatalogRecovery.question() + (offerAccept ? "\n" + CatalogRecovery.acceptMeans()
                : ""));
        question.setWrapText(true);
        restore.setId("restoreButton");
        rebuild.setId("rebuildButton");
        quitButton.setId("quitButton");
        accept.setId("acceptButton");
        accept.setVisible(offerAccept);
        accept.managedProperty().bind(accept.visibleProperty());
        accept.setOnAction(e -> keep());
        continueButton.setId("continueButton");
        step.setId("rebuildStep");
        bar.setId("rebuildProgress");
        outcome.setId("recoveryOutcome");
        outcome.setWrapText(true);
        bar.setMaxWidth(Double.MAX_VALUE);
        showWorking(false);
        continueButton.setVisible(false);
        continueButton.managedProperty().bind(continueButton.visibleProperty());
        restore.setDefaultButton(true);
        restore.setOnAction(e -> run(false));
        rebuild.setOnAction(e -> run(true));
        quitButton.setOnAction(e -> quit.run());
        continueButton.setOnAction(e -> openRecovered());
        root.setPadding(new Insets(20));
        root.getChildren().addAll(header, problemText, question,
                new HBox(8, restore, rebuild, accept, quitButton, continueButton), step, bar, outcome);
    }

    Parent node() {
        return root;
    }

    /** Runs the restore or the rebuild off the JavaFX thread; the buttons wait until it is done. */
    private void run(boolean rebuilding) {
        setBusy(true);
        outcome.setText(rebuilding ? "Rebuilding the catalog from the drives..." : "Restoring the newest backup...");
        latest.set(null);
        showWorking(true);
        RebuildProgress progress = (what, done, total) -> latest.set(new Step(what, done, total));
        Poller poller = rebuilding ? Poller.start(this::showStep) : null;
        background.run(() -> rebuilding ? recovery.rebuild(progress) : recovery.restore(), result -> {
            if (poller != null) {
                poller.stop();
                showStep();
            }
            bar.setProgress(result.restored() ? 1 : 0);
            outcome.setText(result.message());
            if (result.restored()) {
                restore.setVisible(false);
                rebuild.setVisible(false);
                accept.setVisible(false);
                continueButton.setVisible(true);
                continueButton.setDisable(false);
                continueButton.setDefaultButton(true);
            } else {
                setBusy(false);
            }
            quitButton.setDisable(false);
        }, e -> {
            if (poller != null) {
                poller.stop();
            }
            outcome.setText(e.getMessage() == null ? e.toString() : e.getMessage());
            setBusy(false);
        });
    }

    /** Keeps the catalog on purpose and opens the main window on it at once: there is no outcome to read. */
    private void keep() {
        setBusy(true);
        background.run(recovery::accept, opened, e -> {
            outcome.setText(e.getMessage() == null ? e.toString() : e.getMessage());
            setBusy(false);
        });
    }

    private void openRecovered() {
        continueButton.setDisable(true);
        background.run(recovery::open, opened, e -> {
            outcome.setText(outcome.getText() + "\n\nBut it cannot be opened: " + e.getMessage());
            quitButton.setDisable(false);
        });
    }

    private void showStep() {
        Step s = latest.get();
        if (s == null) {
            return;
        }
        step.setText(s.what());
        bar.setProgress(s.total() == 0 ? ProgressBar.INDETERMINATE_PROGRESS : (double) s.done() / s.total());
    }

    private void showWorking(boolean working) {
        step.setVisible(working);
        bar.setVisible(working);
        step.setText("");
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    }

    private void setBusy(boolean busy) {
        restore.setDisable(busy);
        rebuild.setDisable(busy);
        accept.setDisable(busy);
        quitButton.setDisable(busy);
    }
}
