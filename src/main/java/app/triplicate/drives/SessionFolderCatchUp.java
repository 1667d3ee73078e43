package app.triplicate.drives;

import app.triplicate.catalog.SessionFolderRepository;
import app.triplicate.catalog.SessionFolderRepository.Behind;
import app.triplicate.files.FileAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a connected drive's session folders up to the sessions' current names after a rename: each folder is
 * moved with a move that cannot replace an existing folder, the move is synced, and only then does the catalog
 * point the drive's copies at the new name. Until then they keep the old path, so nothing counts as missing.
 * A crash between the move and the catalog update is found on the next try (old name gone, new name there).
 */
public final class SessionFolderCatchUp {
    private static final Logger log = LoggerFactory.getLogger(SessionFolderCatchUp.class);

    private final SessionFolderRepository folders;
    private final FileAccess files;
    /** Counts folder moves, before each move and after its catalog update (see {@link #moves()}). */
    private final java.util.concurrent.atomic.AtomicLong moves = new java.util.concurrent.atomic.AtomicLong();
    /** Held for writing from a folder's move until the catalog follows it (see {@link #whileStill}). */
    private final java.util.concurrent.locks.ReadWriteLock still = new java.util.concurrent.locks.ReentrantReadWriteLock();

    public SessionFolderCatchUp(SessionFolderRepository folders, FileAccess files) {
        this.folders = folders;
        this.files = files;
    }

    /**
     * Changes whenever a session folder is being moved or has just been moved: a check that planned copies
     * by path compares it before and after, and looks up the current path of a copy only when it changed.
     */
    public long moves() {
        return moves.get();
    }

    /**
     * Runs {@code work} while no session folder is being moved: a check that lists a drive's files and matches
     * them with the catalog's paths never sees a folder moved but the catalog not yet following.
     */
    public <T> T whileStill(java.util.function.Supplier<T> work) {
        still.readLock().lock();
        try {
            return work.get();
        } finally {
            still.readLock().unlock();
        }
    }

    /** One session folder on one drive: renamed (problem null) or not, and why. */
    public record Outcome(String drive, long sessionId, String from, String to, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Renames every session folder on {@code drive} that still has an earlier name there. */
    public synchronized List<Outcome> catchUp(ConnectedDrive drive) {
        List<Outcome> out = new ArrayList<>();
        for (Behind b : folders.behindAt(drive.location().id())) {
            out.add(catchUp(drive, b));
        }
        return out;
    }

    private Outcome catchUp(ConnectedDrive drive, Behind b) {
        still.writeLock().lock();
        try {
            return move(drive, b);
        } finally {
            still.writeLock().unlock();
        }
    }

    private Outcome move(ConnectedDrive drive, Behind b) {
        Path root = drive.libraryRoot();
        Path from = root.resolve(b.folder());
        Path to = root.resolve(b.current());
        boolean fromThere = Files.exists(from, LinkOption.NOFOLLOW_LINKS);
        boolean toThere = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
        if (fromThere && toThere) {
            return failed(drive, b, "cannot rename the folder \"" + b.folder() + "\" to \"" + b.current()
                    + "\": a folder of that name already exists there (move or rename it, then connect the drive again)");
        }
        moves.incrementAndGet();
        if (fromThere) {
            try {
                files.createDirectories(root, to.getParent());
                files.moveAtomically(from, to);
                files.syncDirectory(to.getParent());
                if (!from.getParent().equals(to.getParent())) {
                    files.syncDirectory(from.getParent());
                }
            } catch (FileAlreadyExistsException e) {
                return failed(drive, b, "cannot rename the folder \"" + b.folder() + "\" to \"" + b.current()
                        + "\": a folder of that name already exists there");
            } catch (IOException e) {
                return failed(drive, b, "cannot rename the folder \"" + b.folder() + "\" to \"" + b.current()
                        + "\": " + message(e));
            }
            log.info("drive {}: renamed the session folder {} to {}", drive.label(), b.folder(), b.current());
        } else {
            // moved by an earlier try that stopped before the catalog heard of it, or not there under either
            // name (then verify reports its copies missing, as it would have at the old name)
            log.info("drive {}: the session folder {} is not there; the catalog now expects {}", drive.label(),
                    b.folder(), b.current());
        }
        folders.caughtUp(b, b.current());
        moves.incrementAndGet();
        return new Outcome(drive.label(), b.sessionId(), b.folder(), b.current(), null);
    }

    private Outcome failed(ConnectedDrive drive, Behind b, String problem) {
        log.warn("drive {}: {}", drive.label(), problem);
        folders.catchUpFailed(b, problem);
        return new Outcome(drive.label(), b.sessionId(), b.folder(), b.current(), problem);
    }

    /** An I/O failure as a user reads it: the JDK's exception names only the path, or the reason, not both. */
    private static String message(IOException e) {
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason() + " (" + f.getFile() + ")" : e.toString();
    }
}
