package app.triplicate.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real file system, with every read-back (direct read) taking at least {@code delayMillis}, as on a
 * slow disk; it records when each one ran, so tests can see what overlapped.
 */
public final class SlowFileAccess extends ForwardingFileAccess {
    private final long delayMillis;
    private final List<Read> reads = new CopyOnWriteArrayList<>();

    /** One read-back: which file, from when to when (System.nanoTime). */
    public record Read(Path file, long startNanos, long endNanos) {
    }

    public SlowFileAccess(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    public List<Read> reads() {
        return List.copyOf(reads);
    }

    @Override
    public FileChannel openDirectRead(Path file) throws IOException {
        long start = System.nanoTime();
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reads.add(new Read(file, start, System.nanoTime()));
        return real.openDirectRead(file);
    }
}
