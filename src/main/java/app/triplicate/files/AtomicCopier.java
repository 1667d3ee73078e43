package app.triplicate.files;

import app.triplicate.core.LibraryLayout;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Copies one file the way ingest does, for repair and restore: hashed while read, written under a
 * temporary name beside the target, forced to the device, read back and compared with the expected hash,
 * and only then moved into place by a move that never replaces a file. A copy that fails its check never
 * appears under the target name.
 */
public final class AtomicCopier {
    private final FileAccess files;
    private final ReadBack readBack;

    public AtomicCopier(FileAccess files) {
        this.files = files;
        this.readBack = new ReadBack(files);
    }

    /** Where a copy landed (the target, or the next free name when another file took it meanwhile) and how it was proven. */
    public record Copied(Path path, VerifyMethod method) {
    }

    /**
     * @param root     the folder the target lives under (a drive, or a restore folder); it must exist
     * @param expected the hash the bytes must have; the source is checked against it too
     * @return where the copy landed and how it was proven
     */
    public Copied copy(Path source, Path root, Path target, Xxh128 expected, String label) throws IOException {
        files.createDirectories(root, target.getParent());
        Path temp = target.resolveSibling("." + UUID.randomUUID().toString().substring(0, 13) + SmallFile.TEMP_SUFFIX);
        try {
            Xxh128Hasher hasher = new Xxh128Hasher();
            try (FileChannel in = files.openRead(source); FileChannel out = files.createNew(temp)) {
                ByteBuffer buf = ByteBuffer.allocate(ReadBack.CHUNK);
                while (in.read(buf.clear()) >= 0) {
                    buf.flip();
                    hasher.update(buf.array(), 0, buf.limit());
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                }
                out.force(true);
            }
            Xxh128 read = hasher.finish();
            if (!read.equals(expected)) {
                throw new IOException("the source " + source + " does not match its recorded hash (" + read
                        + " instead of " + expected + "); nothing was written");
            }
            ReadBack.Result back = readBack.hash(temp, label, n -> { });
            if (!back.hash().equals(expected)) {
                throw new IOException("the copy read back from " + label + " differs (" + back.hash() + ")");
            }
            Path landed = moveToFreeName(files, temp, target);
            files.syncDirectory(target.getParent());
            return new Copied(landed, back.method());
        } finally {
            files.deleteIfExists(temp);
        }
    }

    /**
     * Moves {@code from} into place as {@code target}, or, when another file holds that name (even one created a
     * moment ago, between any check and the move), as the next free alternative ({@code DSC_0001-2.JPG}, -3 ...):
     * nothing is ever replaced, and both files stay whole.
     *
     * @return the name it landed under
     */
    public static Path moveToFreeName(FileAccess files, Path from, Path target) throws IOException {
        String name = target.getFileName().toString();
        for (int n = 1; n < 10_000; n++) {
            Path candidate = n == 1 ? target : target.resolveSibling(LibraryLayout.alternative(name, n));
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                files.moveAtomically(from, candidate);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // taken between the check and the move: the next name
            }
        }
        throw new FileAlreadyExistsException(target.toString(), null, "no free name left beside it");
    }
}
