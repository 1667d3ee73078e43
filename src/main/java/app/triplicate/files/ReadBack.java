package app.triplicate.files;

import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Reads a file back and hashes it, from the device where the file system allows it (O_DIRECT with an
 * aligned buffer), else through the OS cache; the result says which, so a copy's proof records its method.
 */
public final class ReadBack {
    private static final Logger log = LoggerFactory.getLogger(ReadBack.class);
    public static final int CHUNK = 256 * 1024;
    static final int DIRECT_CHUNK = 1024 * 1024;

    private final FileAccess files;
    /** Drives whose refusal of direct reads has been logged: once per drive, not once per file. */
    private final java.util.Set<String> loggedFallback = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReadBack(FileAccess files) {
        this.files = files;
    }

    public record Result(Xxh128 hash, long size, VerifyMethod method) {
    }

    /**
     * @param label    names the drive in the one log line written when direct reads are refused
     * @param progress told of every chunk read
     */
    public Result hash(Path file, String label, LongConsumer progress) throws IOException {
        FileChannel direct = null;
        int block = 4096;
        try {
            block = (int) Math.max(512, Files.getFileStore(file).getBlockSize());
            direct = files.openDirectRead(file);
        } catch (UnsupportedOperationException | IOException e) {
            if (loggedFallback.add(label)) {
                log.info("{}: the file system refuses direct reads ({}); copies here are verified through the OS cache",
                        label, e.getMessage());
            }
        }
        if (direct != null) {
            try (FileChannel ch = direct) {
                return new Result(readDirect(ch, block, progress), ch.size(), VerifyMethod.DIRECT_READ);
            } catch (IOException e) {
                if (!isAlignmentRefusal(e)) {
                    throw e;
                }
                log.info("{}: direct read failed ({}); verifying through the OS cache", label, e.getMessage());
            }
        }
        try (FileChannel ch = files.openRead(file)) {
            return new Result(readCached(ch, progress), ch.size(), VerifyMethod.CACHED_READ);
        }
    }

    private static boolean isAlignmentRefusal(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("block size") || m.contains("Invalid argument");
    }

    /**
     * Direct reads of {@link #DIRECT_CHUNK}: without the OS's read-ahead, larger requests keep the device
     * busy (1 MiB read 1.3-2x faster than 256 KiB here), and the next request is already in flight while the
     * current chunk is hashed, so the disk never waits for the hash. The hash is fed in {@link #CHUNK}
     * slices, the size hash4j is fastest with.
     */
    private static Xxh128 readDirect(FileChannel ch, int block, LongConsumer progress) throws IOException {
        int request = DIRECT_CHUNK - DIRECT_CHUNK % block;
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(request + block).alignedSlice(block),
                ByteBuffer.allocateDirect(request + block).alignedSlice(block)};
        byte[] heap = new byte[request];
        Xxh128Hasher hasher = new Xxh128Hasher();
        try (java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Future<Integer> pending = io.submit(() -> ch.read(buffers[0].clear().limit(request), 0));
            long position = 0;
            int current = 0;
            while (true) {
                int n = await(pending);
                if (n <= 0) {
                    break;
                }
                position += n;
                boolean last = n % block != 0; // a short, unaligned read only happens at the end of the file
                if (!last) {
                    ByteBuffer next = buffers[1 - current];
                    long at = position;
                    pending = io.submit(() -> ch.read(next.clear().limit(request), at));
                }
                ByteBuffer buf = buffers[current].flip();
                buf.get(heap, 0, n);
                for (int off = 0; off < n; off += CHUNK) {
                    hasher.update(heap, off, Math.min(CHUNK, n - off));
                }
                progress.accept(n);
                if (last) {
                    break;
                }
                current = 1 - current;
            }
        }
        return hasher.finish();
    }

    private static int await(java.util.concurrent.Future<Integer> read) throws IOException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static Xxh128 readCached(FileChannel ch, LongConsumer progress) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        Xxh128Hasher hasher = new Xxh128Hasher();
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                break;
            }
            hasher.update(buf.array(), 0, n);
            progress.accept(n);
        }
        return hasher.finish();
    }
}
