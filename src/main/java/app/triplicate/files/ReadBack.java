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
    /** Each folder's file store's block size, see {@link #blockSize}. */
    private final java.util.Map<Path, Integer> blockSizes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Aligned buffers of earlier reads, used again: see {@link Buffers}. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Buffers> spare =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

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
            block = blockSize(file);
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

    /**
     * The block size direct reads are aligned to, asked of the file's folder's file store once: looking the store
     * up reads the mount table, which per file was a measurable part of verify. A folder's files are on its file
     * store (a file mounted over by itself is the exception; a wrong size only makes the read fall back to the
     * OS cache, see {@link #isAlignmentRefusal}).
     */
    private int blockSize(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Integer known = folder == null ? null : blockSizes.get(folder);
        if (known != null) {
            return known;
        }
        int block = (int) Math.max(512, Files.getFileStore(file).getBlockSize());
        if (folder != null) {
            if (blockSizes.size() > 1024) {
                blockSizes.clear(); // a long ingest over many folders: keep only the recent ones
            }
            blockSizes.put(folder, block);
        }
        return block;
    }

    private static boolean isAlignmentRefusal(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("block size") || m.contains("Invalid argument");
    }

    /**
     * Direct requests in flight per file: without the OS's read-ahead, one at a time leaves the device idle between
     * requests. Two, not more: verifying the shoot card on two drives of one shared virtual disk, alternating runs,
     * read it in a median 10.3 s with 2, 10.5 s with 1 and 11.2 s with 4 (more requests than the device serves
     * at once only queue, and each costs a thread and a buffer).
     */
    static final int DEPTH = 2;

    /**
     * The aligned buffers of one file's direct reads and the heap array the hash is fed from. Allocated once per
     * reader at a time and kept: a direct buffer is freed only by a garbage collection, and allocating two per file
     * made the JVM collect (and wait) again and again under verify.
     */
    private static final class Buffers {
        final int block;
        final int request;
        final ByteBuffer[] direct = new ByteBuffer[DEPTH];
        final byte[] heap;

        Buffers(int block) {
            this.block = block;
            this.request = DIRECT_CHUNK - DIRECT_CHUNK % block;
            for (int i = 0; i < DEPTH; i++) {
                direct[i] = ByteBuffer.allocateDirect(request + block).alignedSlice(block);
            }
            this.heap = new byte[request];
        }
    }

    private Buffers buffers(int block) {
        Buffers b;
        while ((b = spare.poll()) != null) {
            if (b.block == block) {
                return b;
            }
        }
        return new Buffers(block);
    }

    /** One direct request: where it reads and what it will say. */
    private record Request(long at, ByteBuffer into, java.util.concurrent.Future<Integer> read) {
    }

    /**
     * Direct reads of {@link #DIRECT_CHUNK}, up to {@link #DEPTH} of them in flight: without the OS's read-ahead,
     * large requests and the next one already asked for keep the device busy (as read-ahead does for a cached
     * read) while the chunk that arrived first is hashed, so the disk never waits for the hash. Chunks are hashed in file order, fed
     * in {@link #CHUNK} slices, the size hash4j is fastest with. The file is read until a request comes back short
     * and unaligned (its end) or empty, whatever its size was when it was opened.
     */
    private Xxh128 readDirect(FileChannel ch, int block, LongConsumer progress) throws IOException {
        Buffers b = buffers(block);
        int request = b.request;
        Xxh128Hasher hasher = new Xxh128Hasher();
        java.util.ArrayDeque<Request> inFlight = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<ByteBuffer> free = new java.util.ArrayDeque<>(java.util.List.of(b.direct));
        // closing the executor waits for every request still in flight: only then are the buffers free again
        try (java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            long size = ch.size();
            long next = 0;
            while (true) {
                // more requests while buffers are free: up to the size seen at opening, and always one more after
                // a full chunk (a file still growing is read to its end, as one read after another would)
                while (!free.isEmpty() && (next < size || inFlight.isEmpty())) {
                    ByteBuffer into = free.poll();
                    long at = next;
                    inFlight.add(new Request(at, into, io.submit(() -> ch.read(into.clear().limit(request), at))));
                    next += request;
                }
                Request r = inFlight.poll();
                int n = await(r.read());
                if (n <= 0) {
                    break;
                }
                ByteBuffer buf = r.into().flip();
                buf.get(b.heap, 0, n);
                for (int off = 0; off < n; off += CHUNK) {
                    hasher.update(b.heap, off, Math.min(CHUNK, n - off));
                }
                progress.accept(n);
                free.add(r.into());
                if (n < request) {
                    if (n % block != 0) {
                        break; // a short, unaligned read only happens at the end of the file
                    }
                    // short but aligned (the end, or a device that gave less): the requests after it may have read
                    // past a gap, so they are dropped and reading goes on right after this chunk
                    for (Request later : inFlight) {
                        awaitQuietly(later.read());
                        free.add(later.into());
                    }
                    inFlight.clear();
                    next = r.at() + n;
                }
            }
        } finally {
            spare.add(b);
        }
        return hasher.finish();
    }

    /** Waits for a request whose chunk is not used, whatever it read. */
    private static void awaitQuietly(java.util.concurrent.Future<Integer> read) throws IOException {
        try {
            read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading");
        } catch (java.util.concurrent.ExecutionException e) {
            // its chunk is read again, or the read fails again, right after
        }
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
