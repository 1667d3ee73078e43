package app.triplicate.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which ingests are running on this computer, in any process: an ingest clears the temporary files an interrupted
 * copy left on its drives, and must not clear those another ingest (of another card, to the same drives) is writing
 * at that moment. Each running ingest holds a shared OS lock on one file in the home; the clearing is done only by
 * an ingest that can lock it exclusively, that is, when no other ingest runs. Within one process (the window
 * importing two cards) a count does the same, as the OS lock is per process.
 */
final class RunningIngests implements AutoCloseable {
    private static final Object IN_PROCESS = new Object();
    private static int running;
    private static FileChannel channel;
    private static FileLock shared;

    private final boolean alone;
    private boolean closed;

    private RunningIngests(boolean alone) {
        this.alone = alone;
    }

    /** Registers an ingest as running until {@link #close}. */
    static RunningIngests enter(Path locks) {
        synchronized (IN_PROCESS) {
            boolean alone = false;
            if (running == 0) {
                try {
                    Files.createDirectories(locks);
                    channel = FileChannel.open(locks.resolve("ingests.lock"), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.READ);
                    FileLock exclusive = channel.tryLock(0, 1, false);
                    if (exclusive != null) {
                        alone = true;
                        exclusive.release();
                    }
                    // from now on others see this ingest; none has written yet, so clearing before this is harmless
                    shared = channel.lock(0, 1, true);
                } catch (IOException e) {
                    // not known: leave other ingests' files alone; the leftovers go at a later ingest
                    closeQuietly();
                    alone = false;
                }
            }
            running++;
            return new RunningIngests(alone);
        }
    }

    /** True when no other ingest ran when this one started: it may clear the drives' leftover temporary files. */
    boolean alone() {
        return alone;
    }

    @Override
    public void close() {
        synchronized (IN_PROCESS) {
            if (closed) {
                return;
            }
            closed = true;
            if (--running == 0) {
                closeQuietly();
            }
        }
    }

    private static void closeQuietly() {
        try {
            if (shared != null) {
                shared.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the channel and the process in any case
        }
        shared = null;
        channel = null;
    }
}
