package app.triplicate.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

/** The real file system. */
public final class LocalFileAccess implements FileAccess {

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
        // ATOMIC_MOVE may replace an existing target on POSIX; the check narrows that to a race no
        // other Triplicate write can win, because the catalog hands out each library path once.
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
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
