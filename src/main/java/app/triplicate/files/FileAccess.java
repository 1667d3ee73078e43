package app.triplicate.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Every file operation ingest and verification make on cards and drives goes through here. It is the
 * fault-injection seam: tests run as root, which ignores permissions, so unreadable files, read-only
 * drives and refused names are simulated by a wrapper that fails chosen calls the way the OS would.
 */
public interface FileAccess {

    FileChannel openRead(Path file) throws IOException;

    /** Opens for reading from the device, bypassing the OS cache; throws when the file system refuses. */
    FileChannel openDirectRead(Path file) throws IOException;

    /** Creates a new file for writing; fails if the name exists (nothing is ever overwritten). */
    FileChannel createNew(Path file) throws IOException;

    /**
     * Creates {@code dir} and its missing parents below {@code root}. The root itself is never created: a
     * drive that vanished (unplugged, unmounted) fails here instead of being re-created as an empty folder
     * on whatever disk holds its mount point.
     */
    void createDirectories(Path root, Path dir) throws IOException;

    /** Atomic rename within one file system; fails rather than replacing an existing target. */
    void moveAtomically(Path from, Path to) throws IOException;

    /** Flushes a folder's entries (the rename) to the device where the platform allows it. */
    void syncDirectory(Path dir);

    boolean deleteIfExists(Path file) throws IOException;
}
