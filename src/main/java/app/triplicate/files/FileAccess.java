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

    /**
     * Moves a file into place under a name that must be free, within one file system: a name taken meanwhile
     * (by another program, or a file that appeared between a check and the move) fails with
     * {@link java.nio.file.FileAlreadyExistsException} and both files stay as they are; nothing is replaced.
     */
    void moveAtomically(Path from, Path to) throws IOException;

    /**
     * Atomic rename that replaces {@code to} if it exists: only for Triplicate's own small files (settings,
     * markers), whose new version is meant to replace the old one. Never for pictures.
     */
    default void replaceAtomically(Path from, Path to) throws IOException {
        java.nio.file.Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Flushes a folder's entries (the rename) to the device where the platform allows it. */
    void syncDirectory(Path dir);

    boolean deleteIfExists(Path file) throws IOException;
}
