package app.triplicate.files;

import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Copies one file the way ingest does, for repair and restore: hashed while read, written under a
 * temporary name beside the target, forced to the device, read back and compared with the expected hash,
 * and only then moved into place. A copy that fails its check never appears under the target name.
 */
public final class AtomicCopier {
    private final FileAccess files;
    private final ReadBack readBack;

    public AtomicCopier(FileAccess files) {
        this.files = files;
        this.readBack = new ReadBack(files);
    }

    /**
     * @param root     the folder the target lives under (a drive, or a restore folder); it must exist
     * @param expected the hash the bytes must have; the source is checked against it too
     * @return how the copy was proven
     */
    public VerifyMethod copy(Path source, Path root, Path target, Xxh128 expected, String label) throws IOException {
        files.createDirectories(root, target.getParent());
        Path temp = target.resolveSibling("." + UUID.randomUUID().toString().substring(0, 13) + ".triplicate-tmp");
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
            files.moveAtomically(temp, target);
            files.syncDirectory(target.getParent());
            return back.method();
        } finally {
            files.deleteIfExists(temp);
        }
    }
}
