package app.triplicate.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices, on a background thread of its own, that the catalog changed, whichever process changed it: the window
 * is open all day while the command line (cron's verify, an ingest) writes to the same catalog, and its session
 * list and status bar must catch up within seconds. It reads {@link Catalog#changeMark} (one cheap query) every
 * period and calls {@code onChange} when it moved, and once more when it then stands still (the mark moves at a
 * change, before its commit).
 */
public final class CatalogWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogWatch.class);

    private final ScheduledExecutorService timer;
    private long last = Long.MIN_VALUE;
    private boolean movedLastTime;

    public CatalogWatch(Catalog catalog, Duration period, Runnable onChange) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "triplicate-catalog-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                long mark = catalog.changeMark();
                boolean moved = last != Long.MIN_VALUE && mark != last;
                if (moved || movedLastTime) {
                    onChange.run();
                }
                movedLastTime = moved;
                last = mark;
            } catch (RuntimeException e) {
                // a catalog being handed over between processes, or closing: the next round tries again
                LOG.debug("catalog watch: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
