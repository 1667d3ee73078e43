package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.progress.Cancellation;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Where the offsite copy goes: an SFTP server, S3-compatible storage, or (tests, network mounts) a local
 * folder. Objects are addressed by the same library path as on the drives ({@code 2026/2026-11-14 Smith
 * wedding/IMG_0001.CR3}), under the store's base folder or prefix.
 * <p>
 * Promises every implementation keeps (the contract test checks them): it never deletes or overwrites a
 * library file (only {@link #replace} replaces, and only an ASC MHL manifest); an interrupted upload never leaves an incomplete object under its final name, and the next
 * upload of the same content continues without re-sending what arrived whole; failures are
 * {@link RemoteException}s that say what to fix and whether trying again may help.
 */
public interface RemoteStore extends AutoCloseable {

    /** Where it is, without secrets: "sftp://photo@nas.local:22/backup", "s3://bucket/prefix at https://...". */
    String describe();

    /**
     * Connects and checks that it can write, read back and remove a probe object in Triplicate's own area
     * ({@code .triplicate/probe-...}, the only thing Triplicate ever removes).
     */
    void test();

    /** What is stored at {@code key} now, or empty. */
    Optional<RemoteObject> stat(String key);

    /**
     * Uploads {@code source} (of {@code size} bytes and XXH128 {@code hash}) to {@code key}. When the key
     * already holds this content, nothing is sent ({@link Upload#alreadyThere()}); when it holds other
     * content, fails with {@link RemoteException.Kind#EXISTS}.
     *
     * @param sent   called with the number of bytes sent as they go (throttling and progress)
     * @param cancel checked between chunks: once set, the upload stops with a
     *               {@link java.util.concurrent.CancellationException}, and what was sent is kept for the next attempt
     */
    Upload upload(String key, Path source, Xxh128 hash, long size, LongConsumer sent, Cancellation cancel);

    /**
     * Checks the object at {@code key} against what was uploaded: from a checksum the provider keeps where
     * it has one (S3), else by reading it back and hashing it (SFTP, local folder).
     *
     * @param sha256 the checksum recorded at upload: {@link Upload#checksum()} where the provider reported one
     *               (for a multipart upload its composite form {@code "...-N"}, which cannot be derived from the
     *               whole file's SHA-256 without the file), else {@link Upload#sha256()}; when its form does not
     *               match what the provider reports, or it is empty, the store reads the object back
     */
    Check verify(String key, Xxh128 hash, long size, Optional<String> sha256);

    /**
     * Opens the object at {@code key} for reading, or empty when there is none. The caller closes the stream; a
     * failure while reading is the stream's {@link java.io.IOException}. Reads the remote's ASC MHL history back to
     * continue it, and an object verify found changed to record what it holds now.
     */
    Optional<InputStream> open(String key);

    /**
     * The names of the objects directly in {@code folder} (a key without the trailing {@code /}), sorted; empty when
     * it holds none or is not there. Sub-folders and unfinished uploads are not objects.
     */
    List<String> list(String folder);

    /**
     * Writes {@code bytes} whole under {@code key}, replacing what is there, so that a reader finds the old bytes or
     * the new, never a part. Only for a file of an ASC MHL history (a key with an {@code ascmhl} folder): its chain
     * changes with every generation. A library file is never replaced: keys elsewhere are refused.
     */
    void replace(String key, byte[] bytes);

    @Override
    void close();

    /** @param checksum what the provider reports, e.g. S3's base64 SHA-256 (full object or composite "...-3") */
    record RemoteObject(String key, long size, Optional<String> checksum) {
    }

    /**
     * @param sha256      the base64 SHA-256 of the whole file (our second identity for the copy, next to XXH128)
     * @param checksum    what the provider reports for the object (may be composite for multipart), if any
     * @param bytesSent   what this call sent (less than the size when it resumed an earlier attempt)
     * @param alreadyThere the key already held this content; nothing was sent
     */
    record Upload(String key, long size, String sha256, Optional<String> checksum, long bytesSent, boolean resumed,
                  boolean alreadyThere) {
    }

    enum Outcome {
        OK, MISSING, CORRUPT, UNREADABLE
    }

    /** @param method how it was checked: "provider-checksum", "provider-composite-checksum", "read-back" */
    record Check(Outcome outcome, String method, String detail) {
    }
}
