package app.triplicate.ingest;

import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.files.FileAccess;
import app.triplicate.files.AtomicCopier;
import app.triplicate.files.ReadBack;
import app.triplicate.files.SmallFile;
import app.triplicate.progress.TransferProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One destination drive in a copy: a writer that puts the chunks read from the card into a temporary file
 * beside the target, and a verifier that proves the finished temporary files in batches (group commit): it
 * forces a batch's files to the device together, reads each back and compares it with the card's hash, moves
 * the proven ones into place, syncs each folder once, and only then reports the batch. The two run on their
 * own threads, so the verifier proves one batch while the writer fills the next. The inbox is bounded: a slow
 * drive holds the reader back only when its buffer is full.
 *
 * <p>Why batches: a force and a folder sync per file cost a journal commit each, which on small files took
 * longer than the copy (ingest's profile on a camera card of 630 files); forces issued together share
 * journal commits, and one folder sync covers every rename before it. Nothing is reported, so nothing is
 * counted, before its final name is durable.
 */
final class DestinationLane {
    private static final Logger log = LoggerFactory.getLogger(DestinationLane.class);
    static final String TEMP_SUFFIX = SmallFile.TEMP_SUFFIX;
    private static final int INBOX_CHUNKS = 48;
    /** Why a file the user stopped is not copied: the same word as a file cut short by the stop. */
    static final String CANCELLED = "cancelled";
    /** A batch is proven when it holds this many files ... */
    static final int BATCH_FILES = 32;
    /** ... or this many bytes (a few large files gain little from waiting for each other) ... */
    static final long BATCH_BYTES = 32L * 1024 * 1024;
    /** ... or when no file was finished for this long (a slow card still shows progress). */
    private static final long BATCH_LINGER_MS = 500;

    /** The outcome of one copy on this lane. */
    /** @param landed where a written copy is: its target, or the next free name when another file took it meanwhile */
    record Result(CopyJob job, ConnectedDrive drive, Outcome outcome, VerifyMethod method, String error, Path landed) {
        Result(CopyJob job, ConnectedDrive drive, Outcome outcome, VerifyMethod method, String error) {
            this(job, drive, outcome, method, error, null);
        }

    }

    enum Outcome { WRITTEN, DISCARDED, FAILED }

    private sealed interface Message permits Begin, Chunk, Finish, Abort, Stop {
    }

    private record Begin(CopyJob job, Path folder) implements Message {
    }

    private record Chunk(byte[] bytes, int length) implements Message {
    }

    /** @param target the final path, or null when this drive already holds the file and the temporary one goes */
    private record Finish(Xxh128 hash, Path target) implements Message {
    }

    private record Abort(String reason) implements Message {
    }

    private record Stop() implements Message {
    }

    private record ToVerify(CopyJob job, Path temp, FileChannel written, Xxh128 hash, Path target) {
    }

    /** A file of a batch on its way: its read-back result once proven, or why it failed. */
    private static final class InBatch {
        final ToVerify v;
        ReadBack.Result read;
        Path landed;
        String failure;

        InBatch(ToVerify v) {
            this.v = v;
        }
    }

    private final ConnectedDrive drive;
    private final FileAccess files;
    private final ReadBack readBack;
    private final TransferProgress.Lane progress;
    private final Consumer<Result> results;
    private final BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(INBOX_CHUNKS);
    /** Room for a whole batch, so the writer fills the next batch while this one is proven. */
    private final BlockingQueue<Object> verifyQueue = new ArrayBlockingQueue<>(BATCH_FILES);
    private final ExecutorService executor;
    private final Future<?> writer;
    private final Future<?> verifier;
    /** Set when the drive itself is gone: every later file fails at once with this reason. */
    private volatile String lost;
    /**
     * True once the user stops the import: files written but not yet read back are dropped instead of proven, so
     * Cancel stops within one file's read-back rather than after a whole batch (up to two batches wait here, and
     * the card may have been read to its end already). Like a file cut short, they count nowhere; the next import
     * of the card copies them again.
     */
    private final java.util.function.BooleanSupplier cancelled;

    DestinationLane(ConnectedDrive drive, FileAccess files, ReadBack readBack, TransferProgress.Lane progress,
                    ExecutorService executor, Consumer<Result> results, java.util.function.BooleanSupplier cancelled) {
        this.cancelled = cancelled;
        this.drive = drive;
        this.files = files;
        this.readBack = readBack;
        this.progress = progress;
        this.results = results;
        this.executor = executor;
        this.writer = executor.submit(this::writeLoop);
        this.verifier = executor.submit(this::verifyLoop);
    }

    ConnectedDrive drive() {
        return drive;
    }

    void begin(CopyJob job, Path folder) throws InterruptedException {
        inbox.put(new Begin(job, folder));
    }

    void chunk(byte[] bytes, int length) throws InterruptedException {
        inbox.put(new Chunk(bytes, length));
    }

    void finish(Xxh128 hash, Path target) throws InterruptedException {
        inbox.put(new Finish(hash, target));
    }

    void abort(String reason) throws InterruptedException {
        inbox.put(new Abort(reason));
    }

    /** Lets queued work finish, then ends both threads. */
    void stopAndWait() throws InterruptedException {
        inbox.put(new Stop());
        try {
            writer.get();
            verifier.get();
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("drive {}: copy thread failed", drive.label(), e.getCause());
        }
    }

    private void writeLoop() {
        CopyJob job = null;
        Path temp = null;
        FileChannel out = null;
        String failure = null;
        try {
            while (true) {
                Message m = inbox.take();
                switch (m) {
                    case Begin b -> {
                        job = b.job();
                        failure = lost;
                        temp = null;
                        out = null;
                        if (failure == null && driveGone()) {
                            failure = lost;
                        }
                        if (failure == null) {
                            try {
                                files.createDirectories(drive.root(), b.folder());
                                temp = b.folder().resolve("." + job.tempId() + TEMP_SUFFIX);
                                out = files.createNew(temp);
                            } catch (IOException | RuntimeException e) {
                                failure = failureReason(e);
                                closeQuietly(out);
                                out = null;
                                deleteQuietly(temp);
                            }
                        }
                    }
                    case Chunk c -> {
                        if (failure == null) {
                            try {
                                ByteBuffer buf = ByteBuffer.wrap(c.bytes(), 0, c.length());
                                while (buf.hasRemaining()) {
                                    out.write(buf);
                                }
                                progress.addWritten(c.length());
                            } catch (IOException | RuntimeException e) {
                                failure = failureReason(e);
                                closeQuietly(out);
                                deleteQuietly(temp);
                            }
                        }
                    }
                    case Finish f -> {
                        if (failure != null) {
                            emit(new Result(job, drive, Outcome.FAILED, null, failure));
                        } else if (f.target() == null) {
                            closeQuietly(out);
                            deleteQuietly(temp);
                            emit(new Result(job, drive, Outcome.DISCARDED, null, null));
                        } else {
                            // forcing, closing and reading back happen on the verifier thread, so this
                            // thread already fills the next file while the device flushes this one
                            verifyQueue.put(new ToVerify(job, temp, out, f.hash(), f.target()));
                        }
                        job = null;
                        out = null;
                    }
                    case Abort a -> {
                        closeQuietly(out);
                        deleteQuietly(temp);
                        emit(new Result(job, drive, Outcome.FAILED, null, a.reason()));
                        job = null;
                    }
                    case Stop s -> {
                        verifyQueue.put(s);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            closeQuietly(out);
            deleteQuietly(temp);
            Thread.currentThread().interrupt();
            verifyQueue.offer(new Stop());
        }
    }

    private void verifyLoop() {
        List<ToVerify> batch = new ArrayList<>();
        long bytes = 0;
        try {
            while (true) {
                Object item = batch.isEmpty() ? verifyQueue.take()
                        : verifyQueue.poll(BATCH_LINGER_MS, TimeUnit.MILLISECONDS);
                if (item instanceof ToVerify v) {
                    batch.add(v);
                    bytes += v.job().file().size();
                }
                if (item == null || item instanceof Stop || batch.size() >= BATCH_FILES || bytes >= BATCH_BYTES) {
                    prove(batch);
                    batch.clear();
                    bytes = 0;
                }
                if (item instanceof Stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            for (ToVerify v : batch) {
                closeQuietly(v.written());
                deleteQuietly(v.temp());
            }
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Proves a batch: forces its temporary files to the device together, reads each back and compares it,
     * moves the matching ones into place, syncs each folder once, and only then reports each file. A file whose
     * folder could not be synced is reported failed (its final name is not known to be durable; the next
     * ingest finds the bytes there and proves them again).
     */
    private void prove(List<ToVerify> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        if (cancelled.getAsBoolean()) {
            for (ToVerify v : batch) {
                closeQuietly(v.written());
                deleteQuietly(v.temp());
                emit(new Result(v.job(), drive, Outcome.FAILED, null, CANCELLED));
            }
            return;
        }
        List<InBatch> proving = batch.stream().map(InBatch::new).toList();
        // forced together: the file system commits them in shared journal transactions
        List<Future<String>> forces = new ArrayList<>();
        for (InBatch f : proving) {
            forces.add(executor.submit(() -> force(f.v)));
        }
        for (int i = 0; i < proving.size(); i++) {
            try {
                proving.get(i).failure = forces.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                proving.get(i).failure = failureReason(e.getCause() instanceof Exception x ? x : new IOException(e));
            }
        }
        for (InBatch f : proving) {
            if (f.failure == null && cancelled.getAsBoolean()) {
                closeQuietly(f.v.written());
                f.failure = CANCELLED;
            }
            if (f.failure == null) {
                f.failure = readBack(f);
            }
            if (f.failure != null) {
                deleteQuietly(f.v.temp());
            }
        }
        Set<Path> folders = new LinkedHashSet<>();
        for (InBatch f : proving) {
            if (f.failure != null) {
                continue;
            }
            if (driveGone()) {
                f.failure = lost;
                deleteQuietly(f.v.temp());
                continue;
            }
            try {
                files.createDirectories(drive.root(), f.v.target().getParent());
                f.landed = AtomicCopier.moveToFreeName(files, f.v.temp(), f.v.target());
                folders.add(f.v.target().getParent());
            } catch (IOException | RuntimeException e) {
                f.failure = failureReason(e);
                deleteQuietly(f.v.temp());
            }
        }
        Map<Path, String> unsynced = new HashMap<>();
        for (Path folder : folders) {
            try {
                files.syncDirectory(folder);
            } catch (RuntimeException e) {
                unsynced.put(folder, failureReason(e));
            }
        }
        for (InBatch f : proving) {
            String failure = f.failure != null ? f.failure : unsynced.get(f.v.target().getParent());
            emit(failure != null ? new Result(f.v.job(), drive, Outcome.FAILED, null, failure)
                    : new Result(f.v.job(), drive, Outcome.WRITTEN, f.read.method(), null, f.landed));
        }
    }

    /** Forces one temporary file to the device and closes it; the reason it failed, or null. */
    private String force(ToVerify v) {
        try (FileChannel written = v.written()) {
            written.force(true);
            return null;
        } catch (IOException | RuntimeException e) {
            return failureReason(e);
        }
    }

    /** Reads a forced temporary file back from the device; the reason it is not kept, or null. */
    private String readBack(InBatch f) {
        try {
            f.read = readBack.hash(f.v.temp(), drive.label(), progress::addVerified);
        } catch (IOException | RuntimeException e) {
            return failureReason(e);
        }
        if (!f.read.hash().equals(f.v.hash())) {
            return "the copy read back from drive " + drive.label() + " differs from the card (" + f.read.hash()
                    + " instead of " + f.v.hash() + "); it was not kept";
        }
        return null;
    }

    private String failureReason(Exception e) {
        return driveGone() ? lost : "drive " + drive.label() + ": " + IoErrors.describe(e);
    }

    /**
     * Whether the drive has gone (unplugged, unmounted, folder deleted): checked before creating any
     * folder, so a vanished drive is never silently re-created as an empty folder on the system disk.
     */
    private boolean driveGone() {
        if (lost != null) {
            return true;
        }
        if (!Files.isDirectory(drive.root()) || !Files.exists(drive.root().resolve(".triplicate"))) {
            lost = "drive " + drive.label() + " is no longer connected (" + drive.root() + " is gone)";
            return true;
        }
        return false;
    }

    private void emit(Result r) {
        progress.copyFinished(r.job().file().relativePath(), r.outcome() != Outcome.FAILED);
        results.accept(r);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // the file is being discarded anyway
            }
        }
    }

    private void deleteQuietly(Path p) {
        if (p != null) {
            try {
                files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("drive {}: could not remove temporary file {}: {}; it is removed at the next start",
                        drive.label(), p, e.getMessage());
            }
        }
    }
}
