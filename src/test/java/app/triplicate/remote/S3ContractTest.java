package app.triplicate.remote;

import app.triplicate.testing.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;

/**
 * The S3 store passes the same contract as the local folder and SFTP, against a real S3 API (s3proxy,
 * in-process). Its S3-only cases (composite checksums, a damaged transfer, another writer) are in
 * {@link S3StoreTest}.
 */
class S3ContractTest extends RemoteStoreContract {
    private static final String BUCKET = "studio";
    private static final String PREFIX = "triplicate";

    private S3TestServer server;

    @BeforeEach
    void startTheServer() throws Exception {
        server = S3TestServer.start(sources.resolve("s3 data"), BUCKET);
    }

    @AfterEach
    void stopTheServer() throws Exception {
        server.close();
    }

    private S3Settings settings() {
        return new S3Settings(server.endpoint(), S3TestServer.REGION, BUCKET, PREFIX, S3TestServer.ACCESS_KEY,
                S3TestServer.SECRET, true, true, S3Settings.MIN_PART_SIZE);
    }

    @Override
    protected RemoteStore newStore() {
        return new S3Store(settings());
    }

    private boolean running = true;

    @Override
    protected void stopServer() throws Exception {
        server.stop();
        running = false;
    }

    @Override
    protected void startServer() throws Exception {
        server.start();
        running = true;
    }

    /** The provider's copy changes behind the store's back (same size, other bytes). */
    @Override
    protected void damage(String key) throws Exception {
        byte[] bytes = rawObject(key).orElseThrow();
        bytes[bytes.length / 2] ^= 0x01;
        try (S3Client c = server.client()) {
            c.putObject(b -> b.bucket(BUCKET).key(settings().key(key)), RequestBody.fromBytes(bytes));
        }
    }

    /** Through the API while the server runs; from the server's own files while it is stopped. */
    @Override
    protected Optional<byte[]> rawObject(String key) throws Exception {
        if (!running) {
            java.nio.file.Path file = sources.resolve("s3 data").resolve(BUCKET).resolve(settings().key(key));
            return java.nio.file.Files.isRegularFile(file)
                    ? Optional.of(java.nio.file.Files.readAllBytes(file)) : Optional.empty();
        }
        try (S3Client c = server.client()) {
            return Optional.of(c.getObjectAsBytes(b -> b.bucket(BUCKET).key(settings().key(key))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
