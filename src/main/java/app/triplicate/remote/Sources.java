package app.triplicate.remote;

import app.triplicate.core.Xxh128;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.file.StandardOpenOption;

/**
 * The local side of an upload: the file being sent must still be what the catalog recorded. Its size is
 * checked before anything is sent, its hash as it is read; a file that changed is never put in place.
 */
final class Sources {
    private Sources() {
    }

    static void checkSize(Path source, long size) {
        long actual;
        try {
            actual = Files.size(source);
        } catch (IOException e) {
            throw failure(source, e);
        }
        if (actual != size) {
            throw new RemoteException(RemoteException.Kind.SOURCE, "The file " + source + " is " + actual
                    + " bytes, the catalog says " + size + ": it changed since it was copied; nothing was uploaded.");
        }
    }

    static void checkHash(Path source, Xxh128 hash, ContentHasher hasher) {
        Xxh128 read = hasher.xxh128();
        if (!read.equals(hash)) {
            throw new RemoteException(RemoteException.Kind.SOURCE, "The file " + source + " no longer matches its"
                    + " recorded hash (" + read + " instead of " + hash + "); it was not put in place on the remote.");
        }
    }

    static FileChannel open(Path source) {
        try {
            return FileChannel.open(source, StandardOpenOption.READ);
        } catch (IOException e) {
            throw failure(source, e);
        }
    }

    /** Fills {@code buf} from the source's current position up to its limit; -1 at the end of the file. */
    static int read(FileChannel in, ByteBuffer buf, Path source) {
        try {
            int total = 0;
            while (buf.hasRemaining()) {
                int n = in.read(buf);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw failure(source, e);
        }
    }

    /** Positional read of up to {@code buf.remaining()} bytes at {@code position}. */
    static int read(FileChannel in, ByteBuffer buf, long position, Path source) {
        try {
            int total = 0;
            while (buf.hasRemaining()) {
                int n = in.read(buf, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw failure(source, e);
        }
    }

    static void position(FileChannel in, long position, Path source) {
        try {
            in.position(position);
        } catch (IOException e) {
            throw failure(source, e);
        }
    }

    /** What an earlier attempt stored: reads {@code want} bytes of it from offset {@code at}; returns how many came. */
    interface Stored {
        int read(byte[] buf, int want, long at) throws IOException;
    }

    /**
     * Compares what an earlier attempt stored with the source, chunk by chunk, and keeps the longest prefix
     * that matches byte for byte (those source bytes go into the hash here); returns its length. Only bytes
     * that arrived whole and unchanged are kept, so a resumed upload cannot carry a damaged start.
     */
    static long keepMatchingPrefix(Path source, FileChannel in, long limit, int chunk, ContentHasher hasher,
                                   Stored stored) throws IOException {
        ByteBuffer src = ByteBuffer.allocate(chunk);
        byte[] old = new byte[chunk];
        long kept = 0;
        while (kept < limit) {
            int want = (int) Math.min(chunk, limit - kept);
            int n = read(in, src.clear().limit(want), kept, source);
            int m = stored.read(old, want, kept);
            int same = Math.min(n, m);
            int mismatch = Arrays.mismatch(src.array(), 0, same, old, 0, same);
            int good = mismatch < 0 ? same : mismatch;
            hasher.update(src.array(), 0, good);
            kept += good;
            if (good < want) {
                break;
            }
        }
        return kept;
    }

    static RemoteException failure(Path source, IOException e) {
        return new RemoteException(RemoteException.Kind.SOURCE, "Cannot read the file to upload, " + source + ": "
                + e.getMessage(), e);
    }
}
