package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import app.triplicate.testing.ChildJvm;
import app.triplicate.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multipart upload holds no whole part in memory: a child JVM with a 128 MiB heap uploads a 1 GiB file in
 * parts of 512 MiB (the largest part Triplicate uses) to a real S3 server (s3proxy, in this JVM), and the
 * object verifies. The file is sparse (a few random blocks in a hole), so it is cheap to make; it still goes
 * over the wire byte for byte. 1 GiB rather than the 4 GiB video of the report: what is held in memory does
 * not depend on the file's size, only on the part's, and 4 GiB would take minutes on a small test machine.
 */
class S3SmallHeapTest {
    private static final String BUCKET = "photos";
    private static final String PREFIX = "triplicate";
    private static final long SIZE = 1024 * S3Settings.MIB;
    private static final long PART = S3Settings.MAX_PART_SIZE;
    private static final String KEY = "2026/2026-11-14 Smith wedding/MVI_0001.MP4";

    @TempDir
    Path dir;

    @Test
    void aOneGibFileGoesUpInHalfGibPartsFromA128MibHeap() throws Exception {
        Path video = sparseVideo(dir.resolve("MVI_0001.MP4"));
        Xxh128 hash = xxh(video);
        try (S3TestServer server = S3TestServer.start(dir.resolve("server"), BUCKET)) {
            Process child = ChildJvm.startMain(List.of("-Xmx128m"), Upload.class, server.endpoint().toString(),
                    video.toString(), hash.hex());
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(10, TimeUnit.MINUTES), out);
            assertEquals(0, child.exitValue(), out);
            assertTrue(out.contains("OK provider-composite-checksum"), out);

            try (S3Client raw = server.client()) {
                HeadObjectResponse head = raw.headObject(b -> b.bucket(BUCKET).key(PREFIX + "/" + KEY)
                        .checksumMode(ChecksumMode.ENABLED));
                assertEquals(SIZE, head.contentLength());
                assertEquals(composite(video), head.checksumSHA256(), "the parts the server holds are the file's");
            }
        }
    }

    /** The child: uploads one file with {@link S3Store} and checks it, printing the outcome. */
    public static final class Upload {
        public static void main(String[] args) {
            S3Settings settings = S3Settings.minio(URI.create(args[0]), BUCKET, PREFIX, S3TestServer.ACCESS_KEY,
                    S3TestServer.SECRET, true).withPartSize(PART);
            Path file = Path.of(args[1]);
            Xxh128 hash = Xxh128.parse(args[2]);
            System.out.println("heap " + Runtime.getRuntime().maxMemory() / S3Settings.MIB + " MiB");
            try (S3Store store = new S3Store(settings)) {
                RemoteStore.Upload up = store.upload(KEY, file, hash, SIZE, n -> { }, new Cancellation());
                RemoteStore.Check check = store.verify(KEY, hash, SIZE, up.checksum());
                System.out.println(check.outcome() + " " + check.method() + " " + check.detail());
                System.exit(check.outcome() == RemoteStore.Outcome.OK ? 0 : 1);
            } catch (RuntimeException | OutOfMemoryError e) {
                e.printStackTrace(System.out);
                System.exit(1);
            }
        }
    }

    private static Path sparseVideo(Path file) throws IOException {
        Random random = new Random(42);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SIZE);
            for (long at : new long[] {0, PART - 1000, 700 * S3Settings.MIB + 7, SIZE - 65_536}) {
                byte[] block = new byte[65_536];
                random.nextBytes(block);
                f.seek(at);
                f.write(block);
            }
        }
        return file;
    }

    private static Xxh128 xxh(Path file) throws IOException {
        Xxh128Hasher hasher = new Xxh128Hasher();
        forEachChunk(file, 0, SIZE, (b, n) -> hasher.update(b, 0, n));
        return hasher.finish();
    }

    /** SHA-256 of the parts' SHA-256s, then "-N": the checksum S3 gives a multipart object. */
    private static String composite(Path file) throws Exception {
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        int parts = 0;
        for (long at = 0; at < SIZE; at += PART) {
            MessageDigest part = MessageDigest.getInstance("SHA-256");
            forEachChunk(file, at, Math.min(PART, SIZE - at), (b, n) -> part.update(b, 0, n));
            all.update(part.digest());
            parts++;
        }
        return Base64.getEncoder().encodeToString(all.digest()) + "-" + parts;
    }

    private interface Chunk {
        void accept(byte[] bytes, int length);
    }

    private static void forEachChunk(Path file, long from, long length, Chunk chunk) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (FileChannel in = FileChannel.open(file)) {
            in.position(from);
            long left = length;
            while (left > 0) {
                int n = in.read(ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, left)));
                if (n < 0) {
                    throw new IOException(file + " ends early");
                }
                chunk.accept(buf, n);
                left -= n;
            }
        }
    }
}
