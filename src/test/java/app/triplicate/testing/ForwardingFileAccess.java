package app.triplicate.testing;

import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** The real file system, every call passed through; a test double overrides only what it changes. */
public abstract class ForwardingFileAccess implements FileAccess {
    protected final FileAccess real = new LocalFileAccess();

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return real.openRead(file);
    }

    @Override
    public FileChannel openDirectRead(Path file) throws IOException {
        return real.openDirectRead(file);
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        return real.createNew(file);
    }

    @Override
    public void createDirectories(Path root, Path dir) throws IOException {
        real.createDirectories(root, dir);
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
        real.moveAtomically(from, to);
    }

    @Override
    public void replaceAtomically(Path from, Path to) throws IOException {
        real.replaceAtomically(from, to);
    }

    @Override
    public void syncDirectory(Path dir) {
        real.syncDirectory(dir);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        return real.deleteIfExists(file);
    }
}
