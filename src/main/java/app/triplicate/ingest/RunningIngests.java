package app.triplicate.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which ingests are writing to a drive, in any process and from any home (two workstations of a studio on one
 * shared volume, or the window and a command-line run): an ingest clears the temporary files an interrupted copy
 * left on its drives, and must not clear those another ingest (of another card, to the same drive) is writing at
 * that moment. Each running ingest holds a shared OS lock on one file in each destination drive's own folder; a
 * drive's leftovers are cleared only by an ingest that could lock that file exclusively, that is, when no other
 * ingest writes there. Within one process (the window importing two cards) a count per drive does the same, as an
 * OS lock is held per process.
 */
final class RunningIngests implements AutoCloseable {
    static final String LOCK_FILE = "ingests.lock";

    /** One drive's lock file as this process holds it: the shared lock and how many of its ingests write there. */
    private static final class Held {
        FileChannel channel;
        FileLock shared;
        int running;
    }

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final List<Path> entered = new ArrayList<>();

    /**
     * Registers this ingest as writing to the drive whose own folder is {@code folder}, until {@link #close}.
     *
     * @return true when no other ingest was writing there: this one may clear the drive's leftover temporary files
     */
    boolean enter(Path folder) {
        Path file = folder.toAbsolutePath().normalize().resolve(LOCK_FILE);
        synchronized (HELD) {
            entered.add(file);
            Held held = HELD.computeIfAbsent(file, f -> new Held());
            if (held.running++ > 0) {
                return false;
            }
            try {
                Files.createDirectories(folder);
                held.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                boolean alone = false;
                FileLock exclusive = held.channel.tryLock(0, 1, false);
                if (exclusive != null) {
                    alone = true;
                    exclusive.release();
                }
                // from now on others see this ingest; none has written yet, so clearing before this is harmless
                held.shared = held.channel.lock(0, 1, true);
                return alone;
            } catch (IOException e) {
                // not known (a drive that takes no lock): leave others' files alone; the leftovers go at a later ingest
                release(held);
                return false;
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            for (Path file : entered) {
                Held held = HELD.get(file);
                if (held != null && --held.running == 0) {
                    release(held);
                    HELD.remove(file);
                }
            }
            entered.clear();
        }
    }

    private static void release(Held held) {
        try {
            if (held.shared != null) {
                held.shared.release();
            }
            if (held.channel != null) {
                held.channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the channel and the process in any case
        }
        held.shared = null;
        held.channel = null;
    }
}
