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

    /** The largest file a FAT (FAT32, FAT16) drive can hold: 4 GiB less one byte. */
    long FAT_MAX_FILE_SIZE = (4L << 30) - 1;

    /**
     * The largest file the file system holding {@code dir} can store: {@link #FAT_MAX_FILE_SIZE} on FAT (as Linux
     * ({@code vfat}, {@code msdos}), macOS ({@code msdos}) and Windows ({@code FAT32}) name it), else no limit,
     * also when the file system cannot be told. exFAT and NTFS hold larger files.
     */
    default long maxFileSize(Path dir) {
        try {
            String type = java.nio.file.Files.getFileStore(dir).type().toLowerCase(java.util.Locale.ROOT);
            return java.util.Set.of("vfat", "msdos", "fat", "fat16", "fat32", "umsdos").contains(type)
                    ? FAT_MAX_FILE_SIZE : Long.MAX_VALUE;
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Flushes a folder's entries (the rename) to the device where the platform allows it. */
    void syncDirectory(Path dir);

    boolean deleteIfExists(Path file) throws IOException;
}
