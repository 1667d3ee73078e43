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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One destination drive in a copy: a writer that puts the chunks read from the card into a temporary file
 * beside the target and forces it to the device, and a verifier that reads each finished temporary file
 * back, compares it with the card's hash and only then moves it into place. The two run on their own
 * threads, so reading back file k overlaps writing file k+1. The inbox is bounded: a slow drive holds the
 * reader back only when its buffer is full.
 */
final class DestinationLane {
    private static final Logger log = LoggerFactory.getLogger(DestinationLane.class);
    static final String TEMP_SUFFIX = SmallFile.TEMP_SUFFIX;
    private static final int INBOX_CHUNKS = 48;

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

    private final ConnectedDrive drive;
    private final FileAccess files;
    private final ReadBack readBack;
    private final TransferProgress.Lane progress;
    private final Consumer<Result> results;
    private final BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(INBOX_CHUNKS);
    private final BlockingQueue<Object> verifyQueue = new ArrayBlockingQueue<>(2);
    private final Future<?> writer;
    private final Future<?> verifier;
    /** Set when the drive itself is gone: every later file fails at once with this reason. */
    private volatile String lost;

    DestinationLane(ConnectedDrive drive, FileAccess files, ReadBack readBack, TransferProgress.Lane progress,
                    ExecutorService executor, Consumer<Result> results) {
        this.drive = drive;
        this.files = files;
        this.readBack = readBack;
        this.progress = progress;
        this.results = results;
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
        try {
            while (true) {
                Object item = verifyQueue.take();
                if (item instanceof Stop) {
                    return;
                }
                emit(verify((ToVerify) item));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forces the temporary file to the device and reads it back; only a match is moved into place. */
    private Result verify(ToVerify v) {
        try {
            try (FileChannel written = v.written()) {
                written.force(true);
            }
            ReadBack.Result read = readBack.hash(v.temp(), drive.label(), progress::addVerified);
            if (!read.hash().equals(v.hash())) {
                deleteQuietly(v.temp());
                return new Result(v.job(), drive, Outcome.FAILED, null, "the copy read back from drive "
                        + drive.label() + " differs from the card (" + read.hash() + " instead of " + v.hash()
                        + "); it was not kept");
            }
            if (driveGone()) {
                deleteQuietly(v.temp());
                return new Result(v.job(), drive, Outcome.FAILED, null, lost);
            }
            files.createDirectories(drive.root(), v.target().getParent());
            Path landed = AtomicCopier.moveToFreeName(files, v.temp(), v.target());
            files.syncDirectory(v.target().getParent());
            return new Result(v.job(), drive, Outcome.WRITTEN, read.method(), null, landed);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(v.temp());
            return new Result(v.job(), drive, Outcome.FAILED, null, failureReason(e));
        }
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
