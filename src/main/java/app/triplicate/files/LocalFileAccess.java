package app.triplicate.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.nio.file.ExtendedOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real file system. */
public final class LocalFileAccess implements FileAccess {

    private static final Logger log = LoggerFactory.getLogger(LocalFileAccess.class);
    /** File stores whose way of moving into place was logged: once each, not once per file. */
    private final Set<FileStore> logged = ConcurrentHashMap.newKeySet();
    /** File stores that refused a hard link: the check-then-rename is used there from then on. */
    private final Set<FileStore> noLinks = ConcurrentHashMap.newKeySet();
    private final Link link;

    /** Makes {@code name} a second name of {@code existing}; fails if {@code name} is taken. */
    @FunctionalInterface
    interface Link {
        void create(Path name, Path existing) throws IOException;
    }

    public LocalFileAccess() {
        this(Files::createLink);
    }

    /** With another way to make hard links: a test's, to act as a file system that has none. */
    LocalFileAccess(Link link) {
        this.link = link;
    }
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().contains("win");

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public FileChannel openDirectRead(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void createDirectories(Path root, Path dir) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(base)) {
            throw new IllegalArgumentException(target + " is not inside " + base);
        }
        if (Files.isDirectory(target)) {
            return;
        }
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(base.toString(), null, "the drive folder is gone");
        }
        Path current = base;
        for (Path part : base.relativize(target)) {
            current = current.resolve(part);
            if (Files.isDirectory(current)) {
                continue;
            }
            try {
                Files.createDirectory(current);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(current)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
        // A rename replaces an existing target on Linux and macOS, so a file created between a check and the
        // rename would be lost. A hard link never replaces: it fails with EEXIST. Where the file system has no
        // hard links (FAT, exFAT, some network shares) the check-then-rename is the best there is.
        FileStore store = storeOf(to);
        if (store == null || !noLinks.contains(store)) {
            try {
                link.create(to, from);
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                String why = String.valueOf(e.getMessage());
                // remembered only when the file system has no hard links, not for a passing error (EIO, EROFS)
                if (store != null && (e instanceof UnsupportedOperationException || why.contains("not permitted")
                        || why.contains("not supported"))) {
                    noLinks.add(store);
                    logOnce(store, to, false, why);
                }
                fallback(from, to);
                return;
            }
            logOnce(store, to, true, null);
            try {
                Files.delete(from);
            } catch (IOException e) {
                // the file is in place under its final name; the temporary name is removed at the next start
                log.warn("{}: could not remove the temporary name {}: {}", to.getParent(), from, e.getMessage());
            }
            return;
        }
        fallback(from, to);
    }

    /** Check then rename: the best there is where the file system has no hard links. */
    private static void fallback(Path from, Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file store a name would be on, as a key; its folder's when it does not exist yet. */
    private static FileStore storeOf(Path to) {
        try {
            return Files.getFileStore(to.toAbsolutePath().getParent());
        } catch (IOException e) {
            return null; // the move will fail and say why
        }
    }

    private void logOnce(FileStore store, Path to, boolean linked, String why) {
        if (store == null || !logged.add(store)) {
            return;
        }
        if (linked) {
            log.info("{} ({}): files are moved into place by hard link then unlink, which never replaces a file",
                    store, to.getParent());
        } else {
            log.info("{} ({}): this file system refuses hard links ({}); files are moved into place by a check for "
                    + "the name then a rename", store, to.getParent(), why);
        }
    }

    @Override
    public void syncDirectory(Path dir) {
        if (WINDOWS) {
            return; // folders cannot be opened for sync on Windows; NTFS journals the rename
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems (network shares, FUSE) refuse a folder sync; the file itself was forced
        }
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }
}
