package app.triplicate.mhl;

import app.triplicate.core.Xxh128;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where one session folder's ASC MHL history lives, as {@link MhlHistory} and {@link ManifestWriter} need it: a
 * folder on a drive ({@link #on(Path, SmallFile, ZoneId)}), or a folder on the remote (reached through its store).
 * The format and the history's rules are the same everywhere; only reading and writing the files differ.
 */
public interface ManifestFolder {

    /** The session folder's own name (its last part), as the generations' file names carry it. */
    String name();

    /** Where it is, for messages. */
    String describe();

    /** The names of the files in its {@code ascmhl/} folder, in no particular order; empty when there is none. */
    List<String> manifestNames() throws IOException;

    /** A file of its {@code ascmhl/} folder, whole, or empty when it is not there. */
    Optional<byte[]> readManifest(String name) throws IOException;

    /** Writes a file of its {@code ascmhl/} folder whole and atomically, replacing one of that name. */
    void writeManifest(String name, byte[] bytes) throws IOException;

    /** The size of the folder's file at {@code path} (relative, with {@code /}) now, or -1 when it is not there. */
    long size(String path) throws IOException;

    /** The file's modification time, or null when the place does not say or it cannot be read. */
    OffsetDateTime modified(String path);

    /** The file's bytes read again now, hashed (a {@code failed} hash records them), or empty when it is gone. */
    Optional<Found> readAgain(String path) throws IOException;

    /** What a file held when it was read again. */
    record Found(long size, Xxh128 hash) {
    }

    /** Hashes a file's bytes as they stream: what {@link #readAgain} found. */
    static Found hash(java.io.InputStream in) throws IOException {
        app.triplicate.files.Xxh128Hasher hasher = new app.triplicate.files.Xxh128Hasher();
        byte[] buf = new byte[256 * 1024];
        long size = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            hasher.update(buf, 0, n);
            size += n;
        }
        return new Found(size, hasher.finish());
    }

    /** A folder on a local file system (a drive), its manifests written with {@code files}. */
    static ManifestFolder on(Path folder, SmallFile files, ZoneId zone) {
        return new DiskFolder(folder, files, zone);
    }

    /** A folder on a local file system, read as it is (writes go through the real file system). */
    static ManifestFolder on(Path folder) {
        return new DiskFolder(folder, new SmallFile(new LocalFileAccess()), ZoneId.systemDefault());
    }
}
