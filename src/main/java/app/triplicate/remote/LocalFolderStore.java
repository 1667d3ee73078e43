package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.files.ReadBack;
import app.triplicate.files.SmallFile;
import app.triplicate.progress.Cancellation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * A remote that is a folder: a network share mounted on this computer, or a test's temporary folder.
 * Objects are files at {@code base/<key>}. An upload is written to {@code <key>.triplicate-part} beside
 * its target, forced to the device and renamed into place without replacing anything; a later upload of the
 * same content keeps what the part file already holds where it matches the source, and appends the rest.
 * <p>
 * A missing base folder is {@link RemoteException.Kind#UNREACHABLE}: for a folder on a share or a drive,
 * that is what an unmounted share or an unplugged drive looks like, and it may come back.
 */
public final class LocalFolderStore implements RemoteStore {
    private static final int CHUNK = ReadBack.CHUNK;

    private final Path base;
    private final FileAccess files = new LocalFileAccess();
    private final ReadBack readBack = new ReadBack(files);

    public LocalFolderStore(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return "folder " + base;
    }

    @Override
    public void test() {
        requireBase();
        Path area = base.resolve(Keys.OWN_AREA);
        boolean madeArea = !Files.isDirectory(area);
        Path probe = area.resolve("probe-" + UUID.randomUUID());
        byte[] bytes = new byte[4096];
        new SecureRandom().nextBytes(bytes);
        try {
            files.createDirectories(base, area);
            try (FileChannel out = files.createNew(probe)) {
                writeFully(out, ByteBuffer.wrap(bytes));
                out.force(true);
            }
            if (!Arrays.equals(bytes, Files.readAllBytes(probe))) {
                throw new RemoteException(RemoteException.Kind.FAILED,
                        "The probe file written to " + base + " read back different bytes: the folder cannot be trusted.");
            }
        } catch (IOException e) {
            throw failure("cannot write and read a probe file in " + area, e);
        } finally {
            try {
                Files.deleteIfExists(probe);
                if (madeArea) {
                    Files.deleteIfExists(area);
                }
            } catch (IOException e) {
                // the test result above is what matters; a leftover probe in our own area is harmless
            }
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        Path file = pathOf(key);
        requireBase();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(new RemoteObject(key, Files.size(file), Optional.empty()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot look at " + file, e);
        }
    }

    @Override
    public Upload upload(String key, Path source, Xxh128 hash, long size, LongConsumer sent, Cancellation cancel) {
        Path target = pathOf(key);
        requireBase();
        Sources.checkSize(source, size);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return alreadyThereOrRefuse(key, target, hash, size);
        }
        Path part = target.resolveSibling(target.getFileName() + Keys.PART_SUFFIX);
        ContentHasher hasher = new ContentHasher();
        long kept;
        try {
            files.createDirectories(base, target.getParent());
            try (FileChannel in = Sources.open(source);
                 FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                         StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                kept = out.size() == 0 ? 0 : keepMatchingPrefix(source, in, out, Math.min(out.size(), size), hasher);
                in.position(kept);
                out.position(kept);
                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                while (true) {
                    if (cancel.isCancelled()) {
                        throw new CancellationException("upload of " + key + " cancelled; " + out.position()
                                + " bytes are kept for the next attempt");
                    }
                    int n = Sources.read(in, buf.clear(), source);
                    if (n < 0) {
                        break;
                    }
                    hasher.update(buf.array(), 0, n);
                    writeFully(out, buf.flip());
                    sent.accept(n);
                }
                if (out.size() > size) {
                    out.truncate(size);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw failure("cannot write " + part, e);
        }
        Sources.checkHash(source, hash, hasher);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return alreadyThereOrRefuse(key, target, hash, size);
            }
            files.moveAtomically(part, target);
            files.syncDirectory(target.getParent());
        } catch (FileAlreadyExistsException e) {
            return alreadyThereOrRefuse(key, target, hash, size);
        } catch (IOException e) {
            throw failure("cannot move " + part + " into place", e);
        }
        return new Upload(key, size, hasher.sha256Base64(), Optional.empty(), size - kept, kept > 0, false);
    }

    @Override
    public Check verify(String key, Xxh128 hash, long size, Optional<String> sha256) {
        Path file = pathOf(key);
        requireBase();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Check(Outcome.MISSING, "read-back", "no file at " + file);
        }
        try {
            ReadBack.Result back = readBack.hash(file, describe(), n -> { });
            if (back.size() != size) {
                return new Check(Outcome.CORRUPT, "read-back",
                        file + " holds " + back.size() + " bytes, " + size + " were uploaded");
            }
            if (!back.hash().equals(hash)) {
                return new Check(Outcome.CORRUPT, "read-back",
                        file + " reads back as XXH128 " + back.hash() + ", " + hash + " was uploaded");
            }
            return new Check(Outcome.OK, "read-back", "read back (" + back.method().name().toLowerCase() + ")");
        } catch (IOException e) {
            requireBase();
            return new Check(Outcome.UNREADABLE, "read-back", "cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<java.io.InputStream> open(String key) {
        Path file = pathOf(key);
        requireBase();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("cannot open " + file, e);
        }
    }

    @Override
    public java.util.List<String> list(String folder) {
        Path dir = pathOf(folder);
        requireBase();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.List.of();
        }
        try (java.util.stream.Stream<Path> in = Files.list(dir)) {
            return in.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> Keys.isObjectName(n) && !n.endsWith(SmallFile.TEMP_SUFFIX))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            return java.util.List.of();
        } catch (IOException e) {
            throw failure("cannot list " + dir, e);
        }
    }

    @Override
    public void replace(String key, byte[] bytes) {
        Path target = pathOf(Keys.checkManifest(key));
        requireBase();
        try {
            files.createDirectories(base, target.getParent());
            new SmallFile(files).replace(target, bytes, t -> { });
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
    }

    private Path pathOf(String key) {
        return base.resolve(Keys.check(key));
    }

    private void requireBase() {
        if (!Files.isDirectory(base)) {
            throw new RemoteException(RemoteException.Kind.UNREACHABLE, "The remote folder " + base
                    + " is not there: connect its drive or mount its share (or create the folder), then try again.");
        }
    }

    /** An existing target is fine when it holds exactly this content; anything else is never replaced. */
    private Upload alreadyThereOrRefuse(String key, Path target, Xxh128 hash, long size) {
        try {
            long stored = Files.size(target);
            if (stored == size) {
                ContentHasher back = new ContentHasher();
                try (FileChannel in = files.openRead(target)) {
                    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                    int n;
                    while ((n = in.read(buf.clear())) >= 0) {
                        back.update(buf.array(), 0, n);
                    }
                }
                if (back.xxh128().equals(hash)) {
                    return new Upload(key, size, back.sha256Base64(), Optional.empty(), 0, false, true);
                }
            }
            throw new RemoteException(RemoteException.Kind.EXISTS, target + " already exists with other content ("
                    + stored + " bytes); Triplicate never overwrites a file on the remote. Move it away if it is not"
                    + " needed, then try again.");
        } catch (IOException e) {
            throw failure("cannot read the existing " + target, e);
        }
    }

    /** The longest prefix of the part file that matches the source (see {@link Sources#keepMatchingPrefix}). */
    private static long keepMatchingPrefix(Path source, FileChannel in, FileChannel part, long limit,
                                           ContentHasher hasher) throws IOException {
        return Sources.keepMatchingPrefix(source, in, limit, CHUNK, hasher,
                (buf, want, at) -> readFully(part, ByteBuffer.wrap(buf, 0, want), at));
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    private RemoteException failure(String what, IOException e) {
        if (!Files.isDirectory(base)) {
            return new RemoteException(RemoteException.Kind.UNREACHABLE, "The remote folder " + base
                    + " went away (" + what + "): connect its drive or mount its share, then try again.", e);
        }
        String reason = e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
        return new RemoteException(RemoteException.Kind.FAILED, "The remote folder " + base + ": " + what + ": "
                + reason, e);
    }
}
