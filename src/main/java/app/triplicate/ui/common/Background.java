package app.triplicate.ui.common;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where the window's work runs: the JavaFX thread never touches the disk, the catalog or the network.
 * One executor, created once with the window; results and failures come back on the JavaFX thread.
 */
public final class Background implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final ExecutorService executor;
    private final Consumer<Throwable> defaultFailure;

    /** @param defaultFailure shows a failure that the caller does not handle itself (on the JavaFX thread) */
    public Background(Consumer<Throwable> defaultFailure) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "triplicate-ui-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.defaultFailure = defaultFailure;
    }

    /** Runs {@code work} off the JavaFX thread; {@code done} receives its result on the JavaFX thread. */
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<? super T> done) {
        return run(work, done, defaultFailure);
    }

    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (executor.isShutdown()) {
            // the window is closing: late timers and refreshes are dropped quietly
            f.cancel(false);
            return f;
        }
        executor.execute(() -> {
            try {
                T result = work.call();
                f.complete(result);
                Platform.runLater(() -> done.accept(result));
            } catch (Throwable e) {
                logFailure(e);
                f.completeExceptionally(e);
                Platform.runLater(() -> failed.accept(e));
            }
        });
        return f;
    }

    /**
     * A refusal the user is told about in words (a usage problem, something that cannot run now) is logged as one
     * line; anything else is a fault, logged with its stack trace.
     */
    private static void logFailure(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof UsageException || cause instanceof CannotRunException) {
            LOG.info("background task refused: {}", cause.getMessage());
        } else {
            LOG.warn("background task failed", e);
        }
    }

    /** Runs {@code work} off the JavaFX thread, for its side effects. */
    public CompletableFuture<Void> execute(Runnable work, Runnable done) {
        return run(() -> {
            work.run();
            return null;
        }, ignored -> done.run());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
