package app.triplicate.remote;

import app.triplicate.core.UsageException;
import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import app.triplicate.remote.RemoteStore.Check;
import app.triplicate.remote.RemoteStore.Outcome;
import app.triplicate.remote.RemoteStore.Upload;
import app.triplicate.testing.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 store against a real S3 server (s3proxy) in this JVM, with real files. */
class S3StoreTest {
    private static final String BUCKET = "photos";
    private static final String PREFIX = "triplicate";
    private static final long PART = 5 * S3Settings.MIB;

    @TempDir
    Path dir;
    private S3TestServer server;
    private S3Store store;

    @BeforeEach
    void startServer() throws Exception {
        server = S3TestServer.start(dir.resolve("server"), BUCKET);
        store = new S3Store(settings());
    }

    @AfterEach
    void stopServer() throws Exception {
        store.close();
        server.close();
    }

    private S3Settings settings() {
        return S3Settings.minio(server.endpoint(), BUCKET, PREFIX, S3TestServer.ACCESS_KEY, S3TestServer.SECRET, true)
                .withPartSize(PART);
    }

    // --- upload and verify ---

    @Test
    void uploadsASmallFileWithItsSha256AndVerifiesItFromTheProvidersChecksum() throws Exception {
        Sample f = sample("2026/2026-11-14 Smith wedding/IMG_0001.CR3", 300_000, 1);
        AtomicLong reported = new AtomicLong();

        Upload up = upload(f, reported::addAndGet, new Cancellation());

        assertEquals(f.sha256(), up.sha256());
        assertEquals(Optional.of(f.sha256()), up.checksum(), "the provider kept the SHA-256 we sent");
        assertEquals(f.size(), up.bytesSent());
        assertEquals(f.size(), reported.get());
        assertFalse(up.resumed());
        assertFalse(up.alreadyThere());
        assertArrayEquals(f.bytes(), serverBytes(f.key()));
        RemoteStore.RemoteObject stat = store.stat(f.key()).orElseThrow();
        assertEquals(f.size(), stat.size());
        assertEquals(Optional.of(f.sha256()), stat.checksum());

        Check check = store.verify(f.key(), f.hash(), f.size(), Optional.of(up.sha256()));
        assertEquals(Outcome.OK, check.outcome(), check.detail());
        assertEquals("provider-checksum", check.method());
    }

    @Test
    void uploadsAFileLargerThanOnePartInPartsAndVerifiesTheCompositeChecksum() throws Exception {
        Sample f = sample("2026/2026-11-14 Smith wedding/MVI_0002.MP4", 12 * S3Settings.MIB, 2);

        Upload up = upload(f, n -> { }, new Cancellation());

        assertEquals(f.sha256(), up.sha256());
        assertEquals(Optional.of(f.composite(PART)), up.checksum(), "SHA-256 of the part digests, then -3");
        assertTrue(up.checksum().orElseThrow().endsWith("-3"));
        assertEquals(f.size(), up.bytesSent());
        assertArrayEquals(f.bytes(), serverBytes(f.key()));

        Check fromProvider = store.verify(f.key(), f.hash(), f.size(), up.checksum());
        assertEquals(Outcome.OK, fromProvider.outcome(), fromProvider.detail());
        assertEquals("provider-composite-checksum", fromProvider.method());
        // only the whole file's SHA-256 at hand: a composite cannot be compared with it, so it is read back
        Check readBack = store.verify(f.key(), f.hash(), f.size(), Optional.of(f.sha256()));
        assertEquals(Outcome.OK, readBack.outcome(), readBack.detail());
        assertEquals("read-back", readBack.method());
    }

    @Test
    void keepsANameWithSpacesAndNonAsciiCharacters() throws Exception {
        Sample f = sample("2026/2026-11-14 Hochzeit Müller/IMG 0001 ü.CR3", 70_000, 3);

        upload(f, n -> { }, new Cancellation());

        assertArrayEquals(f.bytes(), serverBytes(f.key()), "stored under exactly that name");
        assertEquals(f.size(), store.stat(f.key()).orElseThrow().size());
        assertEquals(Outcome.OK, store.verify(f.key(), f.hash(), f.size(), Optional.of(f.sha256())).outcome());
    }

    @Test
    void uploadsAndVerifiesAZeroByteFile() throws Exception {
        Sample f = sample("2026/2026-11-14 Smith wedding/EMPTY.XMP", 0, 4);
        assertEquals(Xxh128.EMPTY, f.hash());

        Upload up = upload(f, n -> { }, new Cancellation());

        assertEquals(0, up.bytesSent());
        assertEquals(0, store.stat(f.key()).orElseThrow().size());
        assertEquals(0, serverBytes(f.key()).length);
        assertEquals(Outcome.OK, store.verify(f.key(), f.hash(), 0, Optional.of(up.sha256())).outcome());
    }

    // --- never overwrite ---

    @Test
    void theSameContentAgainIsAlreadyThereAndSendsNothing() throws Exception {
        Sample small = sample("2026/a/IMG_0001.JPG", 100_000, 5);
        Sample large = sample("2026/a/MVI_0001.MP4", 11 * S3Settings.MIB, 6);
        upload(small, n -> { }, new Cancellation());
        upload(large, n -> { }, new Cancellation());
        AtomicLong reported = new AtomicLong();

        Upload again = upload(small, reported::addAndGet, new Cancellation());
        Upload againLarge = upload(large, reported::addAndGet, new Cancellation());

        assertTrue(again.alreadyThere());
        assertTrue(againLarge.alreadyThere(), "matched by its composite checksum");
        assertEquals(0, again.bytesSent() + againLarge.bytesSent());
        assertEquals(0, reported.get());
        assertEquals(small.sha256(), again.sha256());
        assertEquals(large.sha256(), againLarge.sha256());
    }

    @Test
    void theSameContentUploadedWithAnotherPartSizeIsAlreadyThere() throws Exception {
        Sample f = sample("2026/a/MVI_0002.MP4", 12 * S3Settings.MIB, 19);
        upload(f, n -> { }, new Cancellation());

        try (S3Store sixMiBParts = new S3Store(settings().withPartSize(6 * S3Settings.MIB))) {
            AtomicLong reported = new AtomicLong();
            Upload again = sixMiBParts.upload(f.key(), f.path(), f.hash(), f.size(), reported::addAndGet,
                    new Cancellation());

            assertTrue(again.alreadyThere(), "its composite differs, so it was read back and compared");
            assertEquals(0, reported.get());
        }
    }

    @Test
    void aFileThatNoLongerMatchesItsRecordedHashIsNotUploaded() throws Exception {
        Sample f = sample("2026/a/IMG_0009.CR3", 50_000, 20);
        Xxh128 recorded = xxh(random(50_000, 21));

        RemoteException e = assertThrows(RemoteException.class, () -> store.upload(f.key(), f.path(), recorded,
                f.size(), n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.SOURCE, e.kind());
        assertTrue(e.getMessage().contains(recorded.hex()), e.getMessage());
        assertTrue(store.stat(f.key()).isEmpty());
    }

    @Test
    void otherContentAtTheSameKeyIsRefusedAndTheObjectStaysAsItWas() throws Exception {
        Sample first = sample("2026/b/IMG_0001.CR3", 200_000, 7);
        upload(first, n -> { }, new Cancellation());
        Path other = dir.resolve("other.CR3");
        byte[] otherBytes = random(200_000, 8);
        Files.write(other, otherBytes);

        RemoteException e = assertThrows(RemoteException.class, () -> store.upload(first.key(), other,
                xxh(otherBytes), otherBytes.length, n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.EXISTS, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("never overwrites"), e.getMessage());
        assertArrayEquals(first.bytes(), serverBytes(first.key()));
    }

    /** Called with the first bytes sent: another writer puts {@code theirs} under the key just then, once. */
    private LongConsumer otherWriterFirst(Sample f, byte[] theirs, boolean[] written) {
        return n -> {
            if (!written[0]) {
                written[0] = true;
                try (S3Client raw = server.client()) {
                    raw.putObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + f.key()), RequestBody.fromBytes(theirs));
                }
            }
        };
    }

    @Test
    void aWriterThatGetsThereFirstDuringAnUploadIsNotOverwritten() throws Exception {
        Sample f = sample("2026/b/MVI_0002.MP4", 11 * S3Settings.MIB, 15);
        byte[] theirs = random(1000, 16);
        boolean[] written = {false};
        LongConsumer otherWriterFirst = otherWriterFirst(f, theirs, written);

        RemoteException e = assertThrows(RemoteException.class, () -> upload(f, otherWriterFirst, new Cancellation()));

        assertTrue(written[0]);
        assertEquals(RemoteException.Kind.EXISTS, e.kind(), e.getMessage());
        assertArrayEquals(theirs, serverBytes(f.key()), "If-None-Match: * kept the other writer's object");
        try (S3Client raw = server.client()) {
            assertTrue(raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty(),
                    "our unfinished upload was abandoned");
        }
    }

    @Test
    void aWriterThatGetsThereFirstDuringASinglePutIsNotOverwritten() throws Exception {
        Sample f = sample("2026/b/IMG_0003.CR3", 3 * S3Settings.MIB, 17);
        byte[] theirs = random(1000, 18);
        boolean[] written = {false};
        LongConsumer otherWriterFirst = otherWriterFirst(f, theirs, written);

        RemoteException e = assertThrows(RemoteException.class, () -> upload(f, otherWriterFirst, new Cancellation()));

        assertEquals(RemoteException.Kind.EXISTS, e.kind(), e.getMessage());
        assertArrayEquals(theirs, serverBytes(f.key()), "If-None-Match: * kept the other writer's object");
    }

    // --- damage ---

    @Test
    void aTransferDamagedOnTheWayIsRefusedByTheProviderAndLeavesNothing() throws Exception {
        Sample f = sample("2026/c/IMG_0001.CR3", 400_000, 9);
        store.damage = () -> true;

        RemoteException e = assertThrows(RemoteException.class, () -> upload(f, n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(e.retryable());
        assertTrue(store.stat(f.key()).isEmpty(), "nothing under the key");

        store.damage = () -> false;
        assertFalse(upload(f, n -> { }, new Cancellation()).alreadyThere());
        assertArrayEquals(f.bytes(), serverBytes(f.key()));
    }

    @Test
    void aDamagedPartIsRefusedAndTheNextAttemptSendsOnlyWhatDidNotArriveWhole() throws Exception {
        Sample f = sample("2026/c/MVI_0001.MP4", 12 * S3Settings.MIB, 10);
        int[] bodies = {0};
        store.damage = () -> ++bodies[0] == 2;

        RemoteException e = assertThrows(RemoteException.class, () -> upload(f, n -> { }, new Cancellation()));

        assertEquals(RemoteException.Kind.CORRUPT, e.kind(), e.getMessage());
        assertTrue(store.stat(f.key()).isEmpty(), "an unfinished upload is not visible under its key");
        store.damage = () -> false;
        Upload up = upload(f, n -> { }, new Cancellation());
        assertTrue(up.resumed());
        assertEquals(f.size() - PART, up.bytesSent(), "part 1 arrived whole and was not sent again");
        assertArrayEquals(f.bytes(), serverBytes(f.key()));
    }

    @Test
    void verifyCatchesAnObjectWhoseChecksumDiffersFromTheRecordedOne() throws Exception {
        Sample f = sample("2026/d/IMG_0001.CR3", 150_000, 11);
        Upload up = upload(f, n -> { }, new Cancellation());
        String otherSha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[1]));

        Check wrongRecord = store.verify(f.key(), f.hash(), f.size(), Optional.of(otherSha));
        assertEquals(Outcome.CORRUPT, wrongRecord.outcome());
        assertEquals("provider-checksum", wrongRecord.method());

        // the object is replaced behind Triplicate's back with bytes of the same size
        byte[] damaged = flipOneByte(f.bytes());
        try (S3Client raw = server.client()) {
            raw.putObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + f.key()), RequestBody.fromBytes(damaged));
        }
        Check changed = store.verify(f.key(), f.hash(), f.size(), Optional.of(up.sha256()));
        assertEquals(Outcome.CORRUPT, changed.outcome(), changed.detail());
        Check changedNoRecord = store.verify(f.key(), f.hash(), f.size(), Optional.empty());
        assertEquals(Outcome.CORRUPT, changedNoRecord.outcome(), changedNoRecord.detail());
        assertEquals("read-back", changedNoRecord.method());

        Check missing = store.verify("2026/d/IMG_0404.CR3", f.hash(), f.size(), Optional.empty());
        assertEquals(Outcome.MISSING, missing.outcome());
    }

    // --- failures that say what to fix ---

    @Test
    void aWrongSecretIsAnAuthenticationFailureThatDoesNotShowTheSecret() {
        String wrong = "not-the-secret-1234567890";
        try (S3Store bad = new S3Store(settings().withSecret(wrong))) {
            RemoteException e = assertThrows(RemoteException.class, bad::test);
            assertEquals(RemoteException.Kind.AUTH, e.kind(), e.getMessage());
            assertFalse(e.retryable());
            RemoteException onStat = assertThrows(RemoteException.class, () -> bad.stat("2026/x.CR3"));
            assertEquals(RemoteException.Kind.AUTH, onStat.kind(), onStat.getMessage());
            for (RemoteException each : List.of(e, onStat)) {
                assertFalse(each.getMessage().contains(wrong), each.getMessage());
                assertFalse(each.getMessage().contains(S3TestServer.SECRET), each.getMessage());
            }
            assertFalse(bad.describe().contains(wrong));
            assertFalse(bad.settings().toString().contains(wrong));
        }
    }

    @Test
    void aMissingBucketIsNotFound() {
        try (S3Store bad = new S3Store(settings().withBucket("no-such-bucket"))) {
            RemoteException onTest = assertThrows(RemoteException.class, bad::test);
            assertEquals(RemoteException.Kind.NOT_FOUND, onTest.kind(), onTest.getMessage());
            assertTrue(onTest.getMessage().contains("no-such-bucket"), onTest.getMessage());
            RemoteException onStat = assertThrows(RemoteException.class, () -> bad.stat("2026/x.CR3"));
            assertEquals(RemoteException.Kind.NOT_FOUND, onStat.kind(), onStat.getMessage());
        }
    }

    @Test
    void aServerThatIsDownAtStartIsUnreachable() throws Exception {
        server.stop();

        RemoteException onTest = assertThrows(RemoteException.class, store::test);
        assertEquals(RemoteException.Kind.UNREACHABLE, onTest.kind(), onTest.getMessage());
        assertTrue(onTest.retryable());
        Sample f = sample("2026/e/IMG_0001.CR3", 1000, 12);
        RemoteException onUpload = assertThrows(RemoteException.class, () -> upload(f, n -> { }, new Cancellation()));
        assertEquals(RemoteException.Kind.UNREACHABLE, onUpload.kind(), onUpload.getMessage());
    }

    @Test
    void testWritesReadsAndRemovesAProbeInTriplicatesOwnArea() throws Exception {
        store.test();

        try (S3Client raw = server.client()) {
            assertEquals(0, raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(PREFIX + "/.triplicate/")).keyCount());
        }
    }

    @Test
    void warnsWhenTheBucketHasNeitherVersioningNorObjectLock() {
        // s3proxy's bucket keeps no versions, and it answers "not implemented" about object lock
        Optional<String> warning = store.versioningWarning();

        assertTrue(warning.isPresent());
        assertTrue(warning.get().contains(BUCKET), warning.get());
    }

    // --- resume ---

    @Test
    void resumesAfterTheServerStoppedMidUploadWithoutSendingWholePartsAgain() throws Exception {
        Sample f = sample("2026/2026-11-14 Smith wedding/MVI_0100.MP4", 12 * S3Settings.MIB, 13);
        AtomicLong sent = new AtomicLong();
        boolean[] stopped = {false};
        LongConsumer stopInPartThree = n -> {
            // seeded point: the first bytes of part 3 are on their way, parts 1 and 2 were answered
            if (sent.addAndGet(n) > 2 * PART && !stopped[0]) {
                stopped[0] = true;
                stopServer(server);
            }
        };

        RemoteException e = assertThrows(RemoteException.class, () -> upload(f, stopInPartThree, new Cancellation()));

        assertTrue(stopped[0], "the server was stopped mid-upload");
        assertEquals(RemoteException.Kind.UNREACHABLE, e.kind(), e.getMessage());
        server.start();
        assertTrue(store.stat(f.key()).isEmpty(), "nothing under the key while the upload is unfinished");
        try (S3Client raw = server.client()) {
            List<MultipartUpload> pending = raw.listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
            assertEquals(1, pending.size());
            assertEquals(PREFIX + "/" + f.key(), pending.getFirst().key());
        }

        AtomicLong resent = new AtomicLong();
        Upload up = upload(f, resent::addAndGet, new Cancellation());

        assertTrue(up.resumed());
        assertEquals(f.size() - 2 * PART, up.bytesSent(), "only part 3 was sent again");
        assertEquals(up.bytesSent(), resent.get());
        assertTrue(up.bytesSent() < f.size());
        assertArrayEquals(f.bytes(), serverBytes(f.key()));
        assertEquals(Optional.of(f.composite(PART)), up.checksum());
        assertEquals(Outcome.OK, store.verify(f.key(), f.hash(), f.size(), up.checksum()).outcome());
    }

    @Test
    void aCancelledUploadLeavesNothingUnderTheKeyAndContinuesLater() throws Exception {
        Sample f = sample("2026/f/MVI_0001.MP4", 12 * S3Settings.MIB, 14);
        Cancellation cancel = new Cancellation();
        AtomicLong sent = new AtomicLong();

        assertThrows(CancellationException.class, () -> upload(f, n -> {
            if (sent.addAndGet(n) > PART) {
                cancel.cancel();
            }
        }, cancel));

        assertTrue(store.stat(f.key()).isEmpty());
        Upload up = upload(f, n -> { }, new Cancellation());
        assertTrue(up.resumed());
        // cancelled once part 2 had begun: the part in flight is finished, so only part 3 is left
        assertEquals(f.size() - 2 * PART, up.bytesSent());
        assertArrayEquals(f.bytes(), serverBytes(f.key()));
    }

    // --- settings ---

    @Test
    void plainHttpIsRefusedUnlessAllowedAndLocal() {
        URI publicHost = URI.create("http://203.0.113.10:9000");
        UsageException remote = assertThrows(UsageException.class, () ->
                S3Settings.minio(publicHost, BUCKET, "", "key", "secret", true));
        assertTrue(remote.getMessage().contains("203.0.113.10"), remote.getMessage());
        UsageException notAllowed = assertThrows(UsageException.class, () ->
                S3Settings.minio(URI.create("http://127.0.0.1:9000"), BUCKET, "", "key", "secret", false));
        assertTrue(notAllowed.getMessage().contains("--allow-http"), notAllowed.getMessage());

        S3Settings.minio(URI.create("http://127.0.0.1:9000"), BUCKET, "", "key", "secret", true);
        S3Settings.minio(URI.create("http://192.168.1.20:9000"), BUCKET, "", "key", "secret", true);
        S3Settings.minio(URI.create("http://[::1]:9000"), BUCKET, "", "key", "secret", true);
        S3Settings.minio(URI.create("https://203.0.113.10:9000"), BUCKET, "", "key", "secret", false);
    }

    @Test
    void presetsPointAtTheProvidersEndpointsAndKeepTheSecretOutOfText() {
        S3Settings b2 = S3Settings.backblazeB2("eu-central-003", "pics", "/lib/", "keyid", "s3cr3t-value");
        assertEquals(URI.create("https://s3.eu-central-003.backblazeb2.com"), b2.endpoint());
        assertEquals("lib/2026/a.CR3", b2.key("2026/a.CR3"));
        assertEquals(URI.create("https://s3.eu-central-1.wasabisys.com"),
                S3Settings.wasabi("eu-central-1", "pics", "", "k", "s").endpoint());
        assertEquals(URI.create("https://s3.eu-west-1.amazonaws.com"),
                S3Settings.aws("eu-west-1", "pics", "", "k", "s").endpoint());
        S3Settings minio = S3Settings.minio(URI.create("https://minio.example.org"), "pics", "", "k", "s", false);
        assertTrue(minio.pathStyle());
        assertEquals(S3Settings.DEFAULT_PART_SIZE, minio.partSize());
        assertThrows(UsageException.class, () -> minio.withPartSize(4 * S3Settings.MIB));
        assertFalse(b2.toString().contains("s3cr3t-value"), b2.toString());
        assertEquals("s3://pics/lib at https://s3.eu-central-003.backblazeb2.com", b2.describe());
    }

    // --- helpers ---

    private record Sample(String key, Path path, byte[] bytes, Xxh128 hash) {
        long size() {
            return bytes.length;
        }

        String sha256() throws Exception {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        }

        String composite(long partSize) throws Exception {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            int parts = 0;
            for (long off = 0; off < bytes.length; off += partSize) {
                MessageDigest part = MessageDigest.getInstance("SHA-256");
                part.update(bytes, (int) off, (int) Math.min(partSize, bytes.length - off));
                all.update(part.digest());
                parts++;
            }
            return Base64.getEncoder().encodeToString(all.digest()) + "-" + parts;
        }
    }

    private Sample sample(String key, long size, long seed) throws IOException {
        byte[] bytes = random((int) size, seed);
        Path path = dir.resolve("files").resolve(key);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        return new Sample(key, path, bytes, xxh(bytes));
    }

    private Upload upload(Sample f, LongConsumer sent, Cancellation cancel) {
        return store.upload(f.key(), f.path(), f.hash(), f.size(), sent, cancel);
    }

    private byte[] serverBytes(String key) {
        try (S3Client raw = server.client()) {
            return raw.getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "/" + key)).asByteArray();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Xxh128 xxh(byte[] bytes) {
        return new Xxh128Hasher().update(bytes, 0, bytes.length).finish();
    }

    private static byte[] flipOneByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private static void stopServer(S3TestServer server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot stop the test server", e));
        }
    }
}
