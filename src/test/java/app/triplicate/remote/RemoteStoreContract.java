package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The promises of {@link RemoteStore}, proved against every implementation (restic's backend test suite).
 * A subclass starts a real server (or names a real folder) and provides only: a fresh store on an empty
 * remote, stopping and starting its server, damaging a stored object behind the store's back, and reading an
 * object's bytes as the server holds them. It may override {@link #largeFileSize()} (bigger than one part of
 * its multipart uploads) and, when it has no server to stop, the three interruption hooks.
 * <p>
 * {@link #rawObject} is only called while the server runs.
 */
public abstract class RemoteStoreContract implements ManifestObjectsContract {

    /** A name as photographers' sessions produce them: spaces, umlauts, a date, a camera file name. */
    protected static final String UNUSUAL_KEY = "2026/2026-11-14 Hochzeit Müller/IMG 0001 ü.CR3";

    @TempDir
    protected Path sources;

    private RemoteStore current;

    /** A store on an empty remote whose server is running. Called at most once per test unless noted. */
    protected abstract RemoteStore newStore() throws Exception;

    /** Stops the server at once, dropping connections; the remote's data stays. */
    protected abstract void stopServer() throws Exception;

    /** Starts it again where it was: same address, same port, same host key, same data. */
    protected abstract void startServer() throws Exception;

    /**
     * Changes the stored object's bytes behind the store's back, keeping its size (bit rot on the server's disk,
     * or an object replaced by someone else), so that {@link #rawObject} differs from what was uploaded.
     */
    protected abstract void damage(String key) throws Exception;

    /** The object's bytes as the server holds them, or empty when there is no object under that key. */
    protected abstract Optional<byte[]> rawObject(String key) throws Exception;

    /** Larger than one multipart part of the store (S3 parts are at least 5 MiB). */
    protected long largeFileSize() {
        return 12L * 1024 * 1024 + 12_345;
    }

    /**
     * What cuts an upload off half way, called from its progress callback. By default the server stops; a
     * store with no server overrides it (a local folder's test throws, as if the process were killed there).
     */
    protected void interruptUpload() throws Exception {
        stopServer();
    }

    /** Undoes {@link #interruptUpload()}. */
    protected void endInterruption() throws Exception {
        startServer();
    }

    /** How the interrupted upload must fail: by default a retryable {@link RemoteException}. */
    protected void assertInterrupted(Throwable thrown) {
        RemoteException e = assertInstanceOf(RemoteException.class, thrown);
        assertTrue(e.retryable(), "an interruption is worth retrying: " + e.kind() + " " + e.getMessage());
    }

    @Override
    public final Path sourceFolder() {
        return sources;
    }

    @Override
    public final Optional<byte[]> serverBytes(String key) throws Exception {
        return rawObject(key);
    }

    @Override
    public final RemoteStore store() throws Exception {
        if (current == null) {
            current = newStore();
        }
        return current;
    }

    @AfterEach
    void closeStore() {
        if (current != null) {
            current.close();
        }
    }

    // ---------------------------------------------------------------- cases

    @Test
    void uploadsAndVerifies() throws Exception {
        Source s = source("a.bin", 3 * 1024 * 1024 + 17, 1);
        AtomicLong reported = new AtomicLong();

        RemoteStore.Upload up = store().upload("2026/2026-11-14 Smith/IMG_0001.CR3", s.path, s.xxh, s.size,
                reported::addAndGet, new Cancellation());

        assertEquals("2026/2026-11-14 Smith/IMG_0001.CR3", up.key());
        assertEquals(s.size, up.size());
        assertEquals(s.sha256, up.sha256(), "the SHA-256 of the whole file, base64");
        assertEquals(s.size, up.bytesSent());
        assertEquals(s.size, reported.get(), "progress reports every byte sent");
        assertFalse(up.resumed());
        assertFalse(up.alreadyThere());
        assertArrayEquals(s.bytes, rawObject(up.key()).orElseThrow(), "the server holds exactly the file");
        assertEquals(s.size, store().stat(up.key()).orElseThrow().size());
        assertEquals(RemoteStore.Outcome.OK, store().verify(up.key(), s.xxh, s.size, Optional.of(s.sha256)).outcome());
    }

    @Test
    void keepsNamesWithSpacesAndNonAsciiCharacters() throws Exception {
        Source s = source("b.bin", 100_000, 2);

        store().upload(UNUSUAL_KEY, s.path, s.xxh, s.size, n -> { }, new Cancellation());

        assertArrayEquals(s.bytes, rawObject(UNUSUAL_KEY).orElseThrow());
        assertEquals(s.size, store().stat(UNUSUAL_KEY).orElseThrow().size());
        assertEquals(RemoteStore.Outcome.OK, store().verify(UNUSUAL_KEY, s.xxh, s.size, Optional.of(s.sha256)).outcome());
    }

    @Test
    void storesAZeroByteFile() throws Exception {
        Source s = source("empty.bin", 0, 3);
        assertEquals(Xxh128.EMPTY, s.xxh);

        RemoteStore.Upload up = store().upload("2026/empty/IMG_0000.JPG", s.path, s.xxh, 0, n -> { },
                new Cancellation());

        assertEquals(0, up.size());
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", up.sha256(), "SHA-256 of no bytes");
        assertArrayEquals(new byte[0], rawObject(up.key()).orElseThrow());
        assertEquals(0, store().stat(up.key()).orElseThrow().size());
        assertEquals(RemoteStore.Outcome.OK, store().verify(up.key(), s.xxh, 0, Optional.of(s.sha256)).outcome());
    }

    @Test
    void storesAFileLargerThanOnePart() throws Exception {
        Source s = source("large.bin", largeFileSize(), 4);

        RemoteStore.Upload up = store().upload("2026/large/IMG_0002.CR3", s.path, s.xxh, s.size, n -> { },
                new Cancellation());

        assertEquals(s.sha256, up.sha256());
        assertArrayEquals(s.bytes, rawObject(up.key()).orElseThrow());
        assertEquals(RemoteStore.Outcome.OK, store().verify(up.key(), s.xxh, s.size, Optional.of(s.sha256)).outcome());
    }

    @Test
    void sameContentUnderTheKeyIsAlreadyThere() throws Exception {
        Source s = source("c.bin", 200_000, 5);
        store().upload("k/same.jpg", s.path, s.xxh, s.size, n -> { }, new Cancellation());
        AtomicLong reported = new AtomicLong();

        RemoteStore.Upload again = store().upload("k/same.jpg", s.path, s.xxh, s.size, reported::addAndGet,
                new Cancellation());

        assertTrue(again.alreadyThere());
        assertEquals(0, again.bytesSent());
        assertEquals(0, reported.get(), "nothing is sent again");
        assertEquals(s.sha256, again.sha256());
        assertArrayEquals(s.bytes, rawObject("k/same.jpg").orElseThrow());
    }

    @Test
    void otherContentUnderTheKeyIsNeverReplaced() throws Exception {
        Source first = source("d1.bin", 150_000, 6);
        Source other = source("d2.bin", 150_000, 7);
        Source longer = source("d3.bin", 150_001, 8);
        store().upload("k/taken.jpg", first.path, first.xxh, first.size, n -> { }, new Cancellation());

        RemoteException sameSize = assertThrows(RemoteException.class, () -> store().upload("k/taken.jpg",
                other.path, other.xxh, other.size, n -> { }, new Cancellation()));
        RemoteException otherSize = assertThrows(RemoteException.class, () -> store().upload("k/taken.jpg",
                longer.path, longer.xxh, longer.size, n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.EXISTS, sameSize.kind(), sameSize.getMessage());
        assertEquals(RemoteException.Kind.EXISTS, otherSize.kind(), otherSize.getMessage());
        assertFalse(sameSize.retryable());
        assertTrue(sameSize.getMessage().contains("taken.jpg"), sameSize.getMessage());
        assertArrayEquals(first.bytes, rawObject("k/taken.jpg").orElseThrow(), "the first upload stays");
    }

    @Test
    void damageAfterUploadIsFoundByVerify() throws Exception {
        Source s = source("e.bin", 500_000, 9);
        store().upload("k/damaged.CR3", s.path, s.xxh, s.size, n -> { }, new Cancellation());

        damage("k/damaged.CR3");
        RemoteStore.Check check = store().verify("k/damaged.CR3", s.xxh, s.size, Optional.of(s.sha256));

        assertFalse(java.util.Arrays.equals(s.bytes, rawObject("k/damaged.CR3").orElseThrow()), "the damage happened");
        assertEquals(RemoteStore.Outcome.CORRUPT, check.outcome(), check.detail());
        assertNotNull(check.method());
    }

    @Test
    void aMissingObjectIsMissing() throws Exception {
        Source s = source("f.bin", 1000, 10);

        assertTrue(store().stat("k/never.jpg").isEmpty());
        assertEquals(RemoteStore.Outcome.MISSING,
                store().verify("k/never.jpg", s.xxh, s.size, Optional.of(s.sha256)).outcome());
    }

    @Test
    void aSourceThatNoLongerMatchesItsHashIsNotPutInPlace() throws Exception {
        Source s = source("g.bin", 300_000, 11);
        Xxh128 recorded = new Xxh128(s.xxh.high() ^ 1, s.xxh.low());

        RemoteException e = assertThrows(RemoteException.class, () -> store().upload("k/changed.jpg", s.path,
                recorded, s.size, n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.SOURCE, e.kind(), e.getMessage());
        assertTrue(rawObject("k/changed.jpg").isEmpty(), "nothing under the final name");
    }

    @Test
    void keysThatLeaveTheBaseAreRefused() throws Exception {
        Source s = source("h.bin", 10, 12);
        for (String bad : new String[]{"../outside.jpg", "/etc/passwd", "a//b.jpg", "a/./b.jpg", ".triplicate/x"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> store().upload(bad, s.path, s.xxh, s.size, n -> { }, new Cancellation()), bad);
        }
    }

    @Test
    void aWorkingRemotePassesItsTest() throws Exception {
        store().test();
        store().test();
    }

    @Test
    void aServerThatIsDownAtStartIsUnreachable() throws Exception {
        Source s = source("i.bin", 1000, 13);
        RemoteStore store = store();
        stopServer();
        try {
            RemoteException upload = assertThrows(RemoteException.class,
                    () -> store.upload("k/down.jpg", s.path, s.xxh, s.size, n -> { }, new Cancellation()));
            RemoteException test = assertThrows(RemoteException.class, store::test);

            assertEquals(RemoteException.Kind.UNREACHABLE, upload.kind(), upload.getMessage());
            assertEquals(RemoteException.Kind.UNREACHABLE, test.kind(), test.getMessage());
            assertTrue(upload.retryable());
            assertTrue(upload.getMessage().contains("try again"), "says what to do: " + upload.getMessage());
        } finally {
            startServer();
        }
        store.upload("k/down.jpg", s.path, s.xxh, s.size, n -> { }, new Cancellation());
        assertArrayEquals(s.bytes, rawObject("k/down.jpg").orElseThrow(), "works once the server is back");
    }

    @Test
    void resumesAfterTheServerStopsMidUpload() throws Exception {
        Source s = source("j.bin", largeFileSize(), 14);
        String key = "2026/resume/IMG_0003.CR3";
        AtomicLong sentBefore = new AtomicLong();
        AtomicBoolean interrupted = new AtomicBoolean();
        LongConsumer stopHalfWay = n -> {
            if (sentBefore.addAndGet(n) >= s.size / 2 && interrupted.compareAndSet(false, true)) {
                try {
                    interruptUpload();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        Throwable thrown = assertThrows(Throwable.class,
                () -> store().upload(key, s.path, s.xxh, s.size, stopHalfWay, new Cancellation()));
        assertTrue(interrupted.get(), "the interruption happened");
        assertInterrupted(thrown);
        endInterruption();
        assertTrue(rawObject(key).isEmpty(), "no incomplete object under the final name");

        AtomicLong sentAfter = new AtomicLong();
        RemoteStore.Upload up = store().upload(key, s.path, s.xxh, s.size, sentAfter::addAndGet, new Cancellation());

        assertTrue(up.resumed(), "continued what arrived before");
        assertTrue(up.bytesSent() < s.size, "sent " + up.bytesSent() + " of " + s.size);
        assertEquals(up.bytesSent(), sentAfter.get());
        assertEquals(s.sha256, up.sha256(), "the SHA-256 covers the whole file, also when resumed");
        assertArrayEquals(s.bytes, rawObject(key).orElseThrow(), "byte-identical after resuming");
        assertEquals(RemoteStore.Outcome.OK, store().verify(key, s.xxh, s.size, Optional.of(s.sha256)).outcome());
    }

    @Test
    void aCancelledUploadLeavesNothingUnderTheNameAndResumes() throws Exception {
        Source s = source("k.bin", largeFileSize(), 15);
        String key = "2026/cancel/IMG_0004.CR3";
        Cancellation cancel = new Cancellation();
        AtomicLong sent = new AtomicLong();

        assertThrows(CancellationException.class, () -> store().upload(key, s.path, s.xxh, s.size, n -> {
            if (sent.addAndGet(n) >= s.size / 3) {
                cancel.cancel();
            }
        }, cancel));
        assertTrue(rawObject(key).isEmpty(), "no incomplete object under the final name");

        RemoteStore.Upload up = store().upload(key, s.path, s.xxh, s.size, n -> { }, new Cancellation());

        assertTrue(up.resumed());
        assertTrue(up.bytesSent() < s.size, "sent " + up.bytesSent() + " of " + s.size);
        assertArrayEquals(s.bytes, rawObject(key).orElseThrow());
    }

    @Test
    void describeNamesTheRemote() throws Exception {
        assertFalse(store().describe().isBlank());
    }

    // ---------------------------------------------------------------- helpers

    /** A source file of random bytes, with the hashes the catalog would hold for it. */
    protected record Source(Path path, byte[] bytes, long size, Xxh128 xxh, String sha256) {
    }

    protected Source source(String name, long size, long seed) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        Path file = sources.resolve(name);
        Files.write(file, bytes);
        Xxh128 xxh = new Xxh128Hasher().update(bytes, 0, bytes.length).finish();
        try {
            String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new Source(file, bytes, size, xxh, sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
