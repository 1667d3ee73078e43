package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.progress.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Wraps a store so that a failure that may pass (the connection dropped, the provider throttled, a checksum
 * refused in transit) is tried again after a growing pause, while one that needs the user (wrong password,
 * refused host key, missing bucket, other content under the name) fails at once. Each upload attempt
 * resumes what the last one sent. Retries are logged, with the store's own messages (which carry no secrets).
 */
public final class RetryingStore implements RemoteStore {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingStore.class);

    private final RemoteStore store;
    private final Backoff backoff;
    private final Cancellation cancel;

    /**
     * @param attempts how many times to try in all
     * @param first    the first pause, doubled after each failure up to {@code max}
     */
    public record Backoff(int attempts, Duration first, Duration max) {
        public static final Backoff STANDARD = new Backoff(6, Duration.ofSeconds(2), Duration.ofSeconds(60));

        Duration pause(int failures) {
            long ms = first.toMillis() << Math.min(failures - 1, 20);
            return Duration.ofMillis(Math.min(ms, max.toMillis()));
        }
    }

    public RetryingStore(RemoteStore store, Backoff backoff, Cancellation cancel) {
        this.store = store;
        this.backoff = backoff;
        this.cancel = cancel;
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void test() {
        retry("testing the remote", () -> {
            store.test();
            return null;
        });
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        return retry("looking up " + key, () -> store.stat(key));
    }

    @Override
    public Upload upload(String key, Path source, Xxh128 hash, long size, LongConsumer sent, Cancellation cancel) {
        return retry("uploading " + key, () -> store.upload(key, source, hash, size, sent, cancel));
    }

    @Override
    public Check verify(String key, Xxh128 hash, long size, Optional<String> sha256) {
        return retry("checking " + key, () -> store.verify(key, hash, size, sha256));
    }

    @Override
    public Optional<java.io.InputStream> open(String key) {
        return retry("opening " + key, () -> store.open(key));
    }

    @Override
    public java.util.List<String> list(String folder) {
        return retry("listing " + folder, () -> store.list(folder));
    }

    @Override
    public void replace(String key, byte[] bytes) {
        retry("writing " + key, () -> {
            store.replace(key, bytes);
            return null;
        });
    }

    @Override
    public void close() {
        store.close();
    }

    private <T> T retry(String what, Supplier<T> call) {
        for (int failures = 1; ; failures++) {
            try {
                return call.get();
            } catch (RemoteException e) {
                if (!e.retryable() || failures >= backoff.attempts()) {
                    throw e;
                }
                Duration pause = backoff.pause(failures);
                LOG.warn("{} on {} failed (attempt {} of {}), trying again in {} s: {}", what, store.describe(),
                        failures, backoff.attempts(), pause.toMillis() / 1000.0, e.getMessage());
                Pause.sleep(pause.toNanos(), cancel);
            }
        }
    }
}
