package app.triplicate.testing;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real S3 server in the test's own JVM: s3proxy on 127.0.0.1 at a random port, storing objects in a folder
 * the test owns. It can be stopped and started again on the same port with the same objects and pending
 * multipart uploads, so a test can cut an upload off and resume it.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "triplicate-test";
    public static final String SECRET = "s3proxy-test-secret-3f9c";
    public static final String REGION = "us-east-1";

    private final BlobStore store;
    private int port;
    private S3Proxy proxy;

    private S3TestServer(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        this.store = new FilesystemNio2BlobStore(dataDir.toString());
    }

    /** Starts a server keeping its objects under {@code dataDir}, with {@code buckets} created empty. */
    public static S3TestServer start(Path dataDir, String... buckets) throws Exception {
        S3TestServer server = new S3TestServer(dataDir);
        for (String bucket : buckets) {
            server.store.createContainer(bucket);
        }
        server.start();
        return server;
    }

    /** Starts (again): on a random port the first time, on the same port after {@link #stop()}. */
    public synchronized void start() throws Exception {
        if (proxy != null) {
            throw new IllegalStateException("already running");
        }
        S3Proxy p = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET)
                // a stop cuts open requests off at once, like a lost connection
                .stopTimeout(0)
                .build();
        p.start();
        while (!"STARTED".equals(p.getState())) {
            Thread.onSpinWait();
        }
        port = p.getPort();
        proxy = p;
    }

    public synchronized void stop() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * A plain S3 client of this server, for a test to look behind a store's back (list pending uploads, read or
     * replace an object). The caller closes it.
     */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
