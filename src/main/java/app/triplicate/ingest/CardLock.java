package app.triplicate.ingest;

import app.triplicate.core.CannotRunException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One ingest of a card at a time on this computer, whichever process runs it (the window, the command line, cron):
 * two ingests of the same card would both plan and copy its new files. The lock is the operating system's lock on
 * a file named by the card's fingerprint (see SPEC.md, <i>card identity</i>) in the home's lock folder; it goes with
 * the process, so a killed ingest never leaves the card locked. The second ingest is refused (exit 3), not queued:
 * it names the card, and running it again afterwards finds everything already there.
 */
final class CardLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private CardLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static CardLock take(Path locks, String fingerprint, Path card) {
        FileChannel channel = null;
        try {
            Files.createDirectories(locks);
            channel = FileChannel.open(locks.resolve("card-" + fingerprint + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process (the window) is ingesting it already
            }
            if (lock == null) {
                channel.close();
                throw new CannotRunException("The card " + card + " is being imported by another Triplicate process "
                        + "or window. Nothing was copied by this run; wait for that import to finish (run this "
                        + "again afterwards: it finds what is already on the drives).");
            }
            return new CardLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the channel is being given up anyway
                }
            }
            throw new CannotRunException("The card " + card + " cannot be locked for import in " + locks + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel and the process in any case
        }
    }
}
