package app.triplicate.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real file system, running {@code action} once, in the calling thread, at the {@code n}th call of one kind under
 * {@code folder}: a fault at a seeded point of a run, such as the catalog's server going away between two batches.
 * {@link #fired} proves the fault happened.
 */
public final class StopAt extends ForwardingFileAccess {
    /** The calls counted. */
    public enum Kind {
        /**
         * A read of a file (a drive's read-back, verify's read), counted per open: where direct reads are refused,
         * one file's read is two opens (direct, then cached).
         */
        READ,
        /**
         * A folder sync: ingest syncs a batch's folders after moving its proven files into place and before it
         * reports them, so the {@code n}th is the {@code n}th batch, proven and under its final names, not reported.
         */
        FOLDER_SYNC
    }

    private final Kind kind;
    private final Path folder;
    private final int n;
    private final Runnable action;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean fired = new AtomicBoolean();

    public StopAt(Kind kind, Path folder, int n, Runnable action) {
        this.kind = kind;
        this.folder = folder.toAbsolutePath();
        this.n = n;
        this.action = action;
    }

    /** Whether the action ran. */
    public boolean fired() {
        return fired.get();
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        before(Kind.READ, file);
        return real.openRead(file);
    }

    @Override
    public FileChannel openDirectRead(Path file) throws IOException {
        before(Kind.READ, file);
        return real.openDirectRead(file);
    }

    @Override
    public void syncDirectory(Path dir) {
        before(Kind.FOLDER_SYNC, dir);
        real.syncDirectory(dir);
    }

    private void before(Kind called, Path path) {
        if (called == kind && path.toAbsolutePath().startsWith(folder) && calls.incrementAndGet() == n
                && fired.compareAndSet(false, true)) {
            action.run();
        }
    }
}
