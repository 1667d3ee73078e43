package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The offsite copy in an S3-compatible bucket (Backblaze B2, Wasabi, Amazon S3, MinIO), through the AWS SDK
 * with its small URL-connection HTTP client.
 * <p>
 * Every body goes with its SHA-256 as the {@code x-amz-checksum-sha256} header, so the provider refuses bytes
 * damaged on the way (or changed in the file since they were hashed) and keeps a checksum of what it stored.
 * A body is never held in memory: its range of the file is read once to hash it, then streamed from the file
 * as it is sent (the URL-connection client sends a body of known length in fixed-length streaming mode, without
 * buffering it), so an upload needs a small buffer whatever the part size (up to 512 MiB) and however many
 * files go up at once. Files larger than one part go up as a multipart upload with a checksum per part;
 * until it is completed, S3 shows nothing under the key, and the next attempt finds the pending upload and
 * sends only the parts the provider does not hold intact. Nothing is ever overwritten: a key is looked up
 * first, and writes carry {@code If-None-Match: *} where the provider understands it. The SDK's standard
 * retries stay on for what they are good at (a stale pooled connection, throttling, a 5xx: a few quick
 * attempts with backoff; a retry reads the body from the file again); retrying a
 * whole file after a longer outage wraps a store.
 */
public final class S3Store implements RemoteStore {
    private static final int CHUNK = 128 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final String PROBE_AREA = ".triplicate/probe-";

    private final S3Settings settings;
    private final S3Client s3;
    private volatile boolean bucketSeen;
    /** Cleared when the provider answers "not implemented" to a conditional write; the HEAD before it stays. */
    private volatile boolean conditionalWrites = true;

    /**
     * Test seam, asked once per request body after its checksum was computed from the file: true damages one
     * byte of that body on the way, to prove that the provider's check catches a damaged transfer.
     */
    volatile BooleanSupplier damage = () -> false;

    public S3Store(S3Settings settings) {
        this.settings = settings;
        this.s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(20))
                        .socketTimeout(Duration.ofMinutes(2))
                        .build())
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secret())))
                // we send our own SHA-256 headers; the SDK adds no CRC of its own (nor trailers s3proxy and
                // some providers do not check), and we hash what we read back ourselves
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build();
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public void test() {
        String key = settings.key(PROBE_AREA + UUID.randomUUID());
        byte[] probe = ("Triplicate checks that it can write, read back and remove this object. "
                + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String sha = base64(sha256().digest(probe));
        try {
            try (Sending.Body body = new Sending(b -> { }, new Cancellation(), damage).body(probe)) {
                putObject(key, sha, body);
            }
        } catch (S3Exception e) {
            // the probe's name is new, so "already there" means the SDK retried a write whose reply was lost:
            // the read-back below proves it is ours
            if (e.statusCode() != 412) {
                throw failure("writing a test object", e);
            }
        } catch (SdkException e) {
            // A server refusing the request (a wrong key, no such bucket) may answer before it has read the body;
            // the client then sees only "Error writing request body". Ask once more without a body to say why.
            explainRefusal("writing a test object");
            throw failure("writing a test object", e);
        }
        byte[] back;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(settings.bucket()).key(key))) {
            back = in.readAllBytes();
        } catch (SdkException | IOException e) {
            throw failure("reading the test object back", e);
        }
        if (!Arrays.equals(probe, back)) {
            throw new RemoteException(RemoteException.Kind.CORRUPT, describe() + " returned other bytes than it"
                    + " was given for the test object " + key + ".");
        }
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (S3Exception e) {
            // a key that may not delete is the ransomware-safe setup we recommend: the probe stays, tiny
            if (e.statusCode() != 403) {
                throw failure("removing the test object", e);
            }
        } catch (SdkException e) {
            throw failure("removing the test object", e);
        }
    }

    /**
     * A warning when the bucket keeps no earlier versions and has no object lock, so a stolen key could
     * destroy the offsite copy; empty when it has one of them, or when the provider does not say.
     */
    public Optional<String> versioningWarning() {
        String bucket = settings.bucket();
        try {
            BucketVersioningStatus status = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
            if (status == BucketVersioningStatus.ENABLED) {
                return Optional.empty();
            }
        } catch (S3Exception e) {
            if (notImplemented(e) || e.statusCode() == 403) {
                return Optional.empty();
            }
            throw failure("asking whether bucket " + bucket + " keeps versions", e);
        } catch (SdkException e) {
            throw failure("asking whether bucket " + bucket + " keeps versions", e);
        }
        try {
            ObjectLockConfiguration lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket))
                    .objectLockConfiguration();
            if (lock != null && lock.objectLockEnabled() == ObjectLockEnabled.ENABLED) {
                return Optional.empty();
            }
        } catch (S3Exception e) {
            boolean noLock = notImplemented(e) || e.statusCode() == 404
                    || "ObjectLockConfigurationNotFoundError".equals(code(e));
            if (!noLock) {
                return Optional.empty();
            }
        } catch (SdkException e) {
            throw failure("asking whether bucket " + bucket + " has object lock", e);
        }
        return Optional.of("Bucket " + bucket + " keeps no earlier versions and has no object lock: anyone with"
                + " a key that can delete could destroy the offsite copy, and ransomware that finds the key"
                + " could too. Turn on versioning (or object lock) for the bucket, and give Triplicate a key"
                + " that cannot delete.");
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        return head(objectKey(key)).map(h -> new RemoteObject(key, h.contentLength(),
                Optional.ofNullable(h.checksumSHA256())));
    }

    @Override
    public Upload upload(String key, Path source, Xxh128 hash, long size, LongConsumer sent, Cancellation cancel) {
        String objectKey = objectKey(Keys.check(key));
        long partSize = partSizeFor(size);
        Optional<HeadObjectResponse> there = head(objectKey);
        if (there.isPresent()) {
            return alreadyThereOrExists(key, objectKey, there.get(), source, hash, size, partSize);
        }
        Sending sending = new Sending(sent, cancel, damage);
        return size <= partSize
                ? putWhole(key, objectKey, source, hash, size, sending)
                : putInParts(key, objectKey, source, hash, size, partSize, sending);
    }

    @Override
    public Check verify(String key, Xxh128 hash, long size, Optional<String> sha256) {
        String objectKey = objectKey(key);
        Optional<HeadObjectResponse> there = head(objectKey);
        if (there.isEmpty()) {
            return new Check(Outcome.MISSING, "provider-checksum", "no object at " + objectKey);
        }
        HeadObjectResponse h = there.get();
        String theirs = h.checksumSHA256();
        String method = theirs != null && isComposite(theirs) ? "provider-composite-checksum" : "provider-checksum";
        if (h.contentLength() != size) {
            return new Check(Outcome.CORRUPT, method, objectKey + " holds " + h.contentLength() + " bytes, not "
                    + size);
        }
        if (theirs != null && sha256.isPresent() && isComposite(theirs) == isComposite(sha256.get())) {
            return theirs.equals(sha256.get())
                    ? new Check(Outcome.OK, method, "the provider's SHA-256 " + theirs + " matches")
                    : new Check(Outcome.CORRUPT, method, "the provider's SHA-256 is " + theirs + ", expected "
                    + sha256.get());
        }
        return readBack(objectKey, hash, size);
    }

    @Override
    public Optional<InputStream> open(String key) {
        String objectKey = objectKey(key);
        try {
            return Optional.of(s3.getObject(b -> b.bucket(settings.bucket()).key(objectKey)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                return Optional.empty();
            }
            throw failure("reading " + objectKey, e);
        } catch (SdkException e) {
            throw failure("reading " + objectKey, e);
        }
    }

    /** One "folder" level: the delimiter keeps deeper keys out, and S3 shows no multipart upload until it is done. */
    @Override
    public List<String> list(String folder) {
        String prefix = objectKey(folder) + "/";
        try {
            List<String> names = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(prefix).delimiter("/")).contents()
                    .forEach(o -> names.add(o.key().substring(prefix.length())));
            names.removeIf(n -> n.isEmpty() || !Keys.isObjectName(n));
            names.sort(null);
            return names;
        } catch (SdkException e) {
            throw failure("listing " + prefix, e);
        }
    }

    /** One PUT, which S3 makes visible whole or not at all; with its SHA-256, so damaged bytes are refused. */
    @Override
    public void replace(String key, byte[] bytes) {
        String objectKey = objectKey(Keys.checkManifest(key));
        String sha = base64(sha256().digest(bytes));
        try {
            s3.putObject(b -> b.bucket(settings.bucket()).key(objectKey).checksumSHA256(sha),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("writing " + objectKey, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    // --- upload ---

    private Upload putWhole(String key, String objectKey, Path source, Xxh128 hash, long size, Sending sending) {
        String sha;
        try (LocalFile file = new LocalFile(source, size)) {
            file.next(size, false);
            sha = base64(file.finish(hash));
        }
        PutObjectResponse done;
        try (Sending.Body body = sending.body(source, 0, size)) {
            done = putObject(objectKey, sha, body);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return alreadyThereOrExists(key, objectKey, head(objectKey).orElseThrow(() -> failure(
                        "writing " + objectKey, e)), source, hash, size, partSizeFor(size));
            }
            throw sending.failure(this, "uploading " + source.getFileName() + " to " + objectKey, e);
        } catch (SdkException e) {
            throw sending.failure(this, "uploading " + source.getFileName() + " to " + objectKey, e);
        }
        String reported = done.checksumSHA256();
        if (reported != null && !reported.equals(sha)) {
            throw new RemoteException(RemoteException.Kind.CORRUPT, describe() + " stored " + objectKey
                    + " with SHA-256 " + reported + ", but Triplicate sent " + sha + ".");
        }
        return new Upload(key, size, sha, Optional.ofNullable(reported), sending.total, false, false);
    }

    private PutObjectResponse putObject(String objectKey, String sha, Supplier<RequestBody> body) {
        try {
            return s3.putObject(b -> b.bucket(settings.bucket()).key(objectKey).checksumSHA256(sha)
                            .ifNoneMatch(conditionalWrites ? "*" : null), body.get());
        } catch (S3Exception e) {
            if (conditionalWrites && notImplemented(e)) {
                conditionalWrites = false;
                return s3.putObject(b -> b.bucket(settings.bucket()).key(objectKey).checksumSHA256(sha), body.get());
            }
            throw e;
        }
    }

    private Upload putInParts(String key, String objectKey, Path source, Xxh128 hash, long size, long partSize,
                              Sending sending) {
        String what = "uploading " + source.getFileName() + " to " + objectKey;
        int parts = (int) ((size + partSize - 1) / partSize);
        String uploadId;
        Map<Integer, Part> held = Map.of();
        try {
            Optional<MultipartUpload> pending = pendingUpload(objectKey);
            if (pending.isPresent()) {
                uploadId = pending.get().uploadId();
                held = partsOf(objectKey, uploadId);
            } else {
                uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
            }
        } catch (SdkException e) {
            throw sending.failure(this, what, e);
        }
        MessageDigest composite = sha256();
        List<CompletedPart> completed = new ArrayList<>(parts);
        boolean resumed = false;
        String wholeSha;
        try (LocalFile file = new LocalFile(source, size)) {
            for (int number = 1; number <= parts; number++) {
                sending.checkCancelled();
                long offset = (number - 1) * partSize;
                long length = Math.min(partSize, size - offset);
                Part part = held.get(number);
                // the first pass over the part's range hashes it; the bytes are read again as they are sent
                Piece piece = file.next(length, part != null && part.checksumSHA256() == null);
                composite.update(piece.sha256());
                String sha = base64(piece.sha256());
                String etag;
                if (part != null && sameContent(part, length, sha, piece.md5Hex())) {
                    etag = part.eTag();
                    resumed = true;
                } else {
                    int n = number;
                    try (Sending.Body body = sending.body(source, offset, length)) {
                        etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                                .partNumber(n).checksumSHA256(sha), body.get()).eTag();
                    } catch (SdkException e) {
                        throw sending.failure(this, what + " (part " + n + " of " + parts + ")", e);
                    }
                }
                completed.add(CompletedPart.builder().partNumber(number).eTag(etag).checksumSHA256(sha).build());
            }
            wholeSha = base64(file.finish(hash));
        }
        sending.checkCancelled();
        String ours = base64(composite.digest()) + "-" + parts;
        CompleteMultipartUploadResponse done;
        try {
            done = completeUpload(objectKey, uploadId, completed);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                // another writer got there between our look-up and now; our parts are not needed any more
                abortQuietly(objectKey, uploadId);
                return alreadyThereOrExists(key, objectKey, head(objectKey).orElseThrow(() -> failure(what, e)),
                        source, hash, size, partSize);
            }
            throw sending.failure(this, what, e);
        } catch (SdkException e) {
            throw sending.failure(this, what, e);
        }
        String reported = done.checksumSHA256();
        if (reported != null && isComposite(reported) && !reported.equals(ours)) {
            throw new RemoteException(RemoteException.Kind.CORRUPT, describe() + " assembled " + objectKey
                    + " with the checksum " + reported + ", but its parts as sent make " + ours + ".");
        }
        return new Upload(key, size, wholeSha, Optional.ofNullable(reported), sending.total, resumed, false);
    }

    private CompleteMultipartUploadResponse completeUpload(String objectKey, String uploadId,
                                                           List<CompletedPart> parts) {
        try {
            return s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
                    .ifNoneMatch(conditionalWrites ? "*" : null).multipartUpload(m -> m.parts(parts)));
        } catch (S3Exception e) {
            if (conditionalWrites && notImplemented(e)) {
                conditionalWrites = false;
                return s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey)
                        .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            }
            throw e;
        }
    }

    /** The newest unfinished multipart upload of exactly this key, if any (one with SHA-256 part checksums). */
    private Optional<MultipartUpload> pendingUpload(String objectKey) {
        List<MultipartUpload> found = new ArrayList<>();
        s3.listMultipartUploadsPaginator(b -> b.bucket(settings.bucket()).prefix(objectKey)).uploads()
                .forEach(u -> {
                    if (u.key().equals(objectKey) && (u.checksumAlgorithm() == null
                            || u.checksumAlgorithm() == ChecksumAlgorithm.SHA256)) {
                        found.add(u);
                    }
                });
        return found.stream().max(Comparator.comparing(u -> u.initiated() == null ? java.time.Instant.MIN
                : u.initiated()));
    }

    private Map<Integer, Part> partsOf(String objectKey, String uploadId) {
        Map<Integer, Part> parts = new HashMap<>();
        for (ListPartsResponse page : s3.listPartsPaginator(b -> b.bucket(settings.bucket()).key(objectKey)
                .uploadId(uploadId))) {
            for (Part p : page.parts()) {
                parts.put(p.partNumber(), p);
            }
        }
        return parts;
    }

    /**
     * Whether a part the provider holds is the one we would send: same size, and the same SHA-256 where the
     * listing gives it, else the same MD5 as the part's plain ETag (which S3 and s3proxy use for unencrypted
     * parts). When neither can be compared, the part is sent again.
     */
    private static boolean sameContent(Part part, long length, String sha, String md5Hex) {
        if (part.size() == null || part.size() != length) {
            return false;
        }
        if (part.checksumSHA256() != null) {
            return part.checksumSHA256().equals(sha);
        }
        String etag = part.eTag() == null ? "" : part.eTag().replace("\"", "").toLowerCase(Locale.ROOT);
        if (etag.length() != 32 || !etag.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return false;
        }
        return etag.equals(md5Hex);
    }

    private void abortQuietly(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            // what stays is an unfinished upload, never visible under the key; the bucket's lifecycle rule or
            // a later attempt clears it
        }
    }

    /** The key holds an object already: the same content (nothing to send) or other content (never replaced). */
    private Upload alreadyThereOrExists(String key, String objectKey, HeadObjectResponse h, Path source,
                                        Xxh128 hash, long size, long partSize) {
        if (h.contentLength() != size) {
            throw exists(objectKey, h.contentLength() + " bytes, not " + size);
        }
        Digests local = digests(source, size, partSize, hash);
        String theirs = h.checksumSHA256();
        boolean same;
        if (theirs != null && !isComposite(theirs)) {
            same = theirs.equals(local.whole);
        } else {
            // a composite depends on the part size it was uploaded with: when ours differs, or there is no
            // checksum at all, the bytes decide
            same = theirs != null && theirs.equals(local.composite)
                    || readBack(objectKey, hash, size).outcome() == Outcome.OK;
        }
        if (!same) {
            throw exists(objectKey, "other content of the same size");
        }
        return new Upload(key, size, local.whole, Optional.ofNullable(theirs), 0, false, true);
    }

    private RemoteException exists(String objectKey, String detail) {
        return new RemoteException(RemoteException.Kind.EXISTS, objectKey + " at " + describe() + " already"
                + " holds " + detail + "; Triplicate never overwrites an object. Move or rename it there if it"
                + " is not wanted.");
    }

    private record Digests(String whole, String composite) {
    }

    /** SHA-256 of the whole file and the composite form a multipart upload of it would get. */
    private static Digests digests(Path source, long size, long partSize, Xxh128 hash) {
        int parts = size <= partSize ? 1 : (int) ((size + partSize - 1) / partSize);
        MessageDigest composite = sha256();
        String whole;
        try (LocalFile file = new LocalFile(source, size)) {
            for (int number = 1; number <= parts; number++) {
                long length = Math.min(partSize, size - (number - 1) * partSize);
                composite.update(file.next(length, false).sha256());
            }
            whole = base64(file.finish(hash));
        }
        return new Digests(whole, base64(composite.digest()) + "-" + parts);
    }

    /** Bigger parts for huge files, so that no upload needs more than S3's 10,000 parts. */
    private long partSizeFor(long size) {
        long partSize = settings.partSize();
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        if (needed > partSize) {
            partSize = (needed + S3Settings.MIB - 1) / S3Settings.MIB * S3Settings.MIB;
        }
        if (partSize > S3Settings.MAX_PART_SIZE) {
            throw new RemoteException(RemoteException.Kind.FAILED, "A file of " + size + " bytes is larger than"
                    + " Triplicate uploads to S3 (10,000 parts of 512 MiB).");
        }
        return partSize;
    }

    // --- reading back ---

    private Check readBack(String objectKey, Xxh128 hash, long size) {
        Xxh128Hasher hasher = new Xxh128Hasher();
        long read = 0;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(settings.bucket())
                .key(objectKey))) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                hasher.update(buffer, 0, n);
                read += n;
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) {
                return new Check(Outcome.MISSING, "read-back", "no object at " + objectKey);
            }
            RemoteException f = failure("reading " + objectKey + " back", e);
            if (f.kind() == RemoteException.Kind.FAILED) {
                return new Check(Outcome.UNREADABLE, "read-back", f.getMessage());
            }
            throw f;
        } catch (SdkException | IOException e) {
            throw failure("reading " + objectKey + " back", e);
        }
        Xxh128 got = hasher.finish();
        if (read != size) {
            return new Check(Outcome.CORRUPT, "read-back", objectKey + " holds " + read + " bytes, not " + size);
        }
        return got.equals(hash)
                ? new Check(Outcome.OK, "read-back", "read back, XXH128 " + got + " matches")
                : new Check(Outcome.CORRUPT, "read-back", "read back, XXH128 is " + got + ", expected " + hash);
    }

    // --- looking up ---

    private Optional<HeadObjectResponse> head(String objectKey) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(objectKey)
                    .checksumMode(ChecksumMode.ENABLED)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // a HEAD's 404 has no body: a missing object and a missing bucket look alike
                checkBucket();
                return Optional.empty();
            }
            throw failure("looking up " + objectKey, e);
        } catch (SdkException e) {
            throw failure("looking up " + objectKey, e);
        }
    }

    private void checkBucket() {
        if (bucketSeen) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            bucketSeen = true;
        } catch (S3Exception e) {
            throw e.statusCode() == 404 ? noSuchBucket() : failure("looking up bucket " + settings.bucket(), e);
        } catch (SdkException e) {
            throw failure("looking up bucket " + settings.bucket(), e);
        }
    }

    /** Throws what the server says is wrong when a bodiless request to the bucket is refused; else returns. */
    private void explainRefusal(String what) {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            throw e.statusCode() == 404 ? noSuchBucket() : failure(what, e);
        } catch (SdkException e) {
            // not reachable either: the caller's own failure says so
        }
    }

    private RemoteException noSuchBucket() {
        return new RemoteException(RemoteException.Kind.NOT_FOUND, "There is no bucket '" + settings.bucket()
                + "' at " + settings.endpoint() + ": create it there, or correct the bucket name or region.");
    }

    private String objectKey(String libraryPath) {
        if (libraryPath == null || libraryPath.isEmpty() || libraryPath.startsWith("/")
                || libraryPath.contains("\\")) {
            throw new IllegalArgumentException("not a library path: " + libraryPath);
        }
        for (String segment : libraryPath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a library path: " + libraryPath);
            }
        }
        return settings.key(libraryPath);
    }

    // --- failures ---

    /** What went wrong, in words that say what to fix; never with the secret. */
    RemoteException failure(String doing, Throwable e) {
        String where = describe();
        if (e instanceof S3Exception s) {
            String code = code(s);
            int status = s.statusCode();
            String said = s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null ? ""
                    : " (" + s.awsErrorDetails().errorMessage() + ")";
            String prefix = where + ": " + doing + " failed: ";
            if ("InvalidAccessKeyId".equals(code)) {
                return new RemoteException(RemoteException.Kind.AUTH, prefix + "the access key "
                        + settings.accessKeyId() + " is not known there. Check the access key id.", e);
            }
            if ("SignatureDoesNotMatch".equals(code)) {
                return new RemoteException(RemoteException.Kind.AUTH, prefix + "the secret does not match access"
                        + " key " + settings.accessKeyId() + ". Enter the secret again.", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return new RemoteException(RemoteException.Kind.NOT_FOUND, noSuchBucket().getMessage(), e);
            }
            if ("BadDigest".equals(code) || "InvalidDigest".equals(code) || "XAmzContentSHA256Mismatch".equals(code)
                    || "XAmzContentChecksumMismatch".equals(code)) {
                return new RemoteException(RemoteException.Kind.CORRUPT, prefix + "the provider refused the bytes:"
                        + " they did not match the SHA-256 computed from the file, so they were damaged on the"
                        + " way. Nothing was stored; try again." + said, e);
            }
            if (status == 401 || status == 403) {
                return new RemoteException(RemoteException.Kind.AUTH, prefix + "access was refused for access key "
                        + settings.accessKeyId() + ". Check the key, its secret and what the key may do in bucket "
                        + settings.bucket() + "." + said, e);
            }
            if (status == 429 || status >= 500 && !notImplemented(s) || "SlowDown".equals(code)
                    // an unfinished upload that vanished (a lifecycle rule cleared it): the next try starts anew
                    || "NoSuchUpload".equals(code)
                    || "RequestTimeout".equals(code) || "Throttling".equals(code)) {
                return new RemoteException(RemoteException.Kind.TRANSIENT, prefix + "the provider is busy or had"
                        + " an error (HTTP " + status + (code == null ? "" : ", " + code) + "). Try again later."
                        + said, e);
            }
            if ("RequestTimeTooSkewed".equals(code)) {
                return new RemoteException(RemoteException.Kind.FAILED, prefix + "this computer's clock is off;"
                        + " S3 refuses requests signed at the wrong time. Set the clock right.", e);
            }
            return new RemoteException(RemoteException.Kind.FAILED, prefix + "HTTP " + status
                    + (code == null ? "" : ", " + code) + said, e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return RemoteException.serverNameNotFound(hostOf(c), where, e);
            }
            if (c instanceof SSLException) {
                return new RemoteException(RemoteException.Kind.FAILED, where + ": " + doing + " failed: the"
                        + " secure connection was refused (" + c.getMessage() + "). Check the endpoint's"
                        + " address and certificate.", e);
            }
            if (c instanceof IOException) {
                // refused, timed out, reset, cut off mid-body
                return new RemoteException(RemoteException.Kind.UNREACHABLE, where + ": " + doing + " failed: the"
                        + " server cannot be reached or the connection dropped (" + c.getMessage() + "). Check"
                        + " the network and try again; an upload continues where it stopped.", e);
            }
        }
        return new RemoteException(RemoteException.Kind.FAILED, where + ": " + doing + " failed: "
                + e.getMessage(), e);
    }

    /**
     * The name that did not resolve: the one the lookup names (with virtual-hosted addressing that is the bucket's
     * name before the endpoint's), else the endpoint's.
     */
    private String hostOf(Throwable unknownHost) {
        String said = unknownHost.getMessage();
        if (said != null) {
            String name = said.split(":", 2)[0].strip();
            if (!name.isEmpty() && !name.contains(" ")) {
                return name;
            }
        }
        return settings.endpoint().getHost();
    }

    private static String code(S3Exception e) {
        AwsErrorDetails d = e.awsErrorDetails();
        return d == null ? null : d.errorCode();
    }

    private static boolean notImplemented(S3Exception e) {
        return e.statusCode() == 501 || "NotImplemented".equals(code(e));
    }

    // --- helpers ---

    private static boolean isComposite(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash > 0 && dash < checksum.length() - 1
                && checksum.substring(dash + 1).chars().allMatch(Character::isDigit);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** One part's range of the file, hashed: its SHA-256 (the provider's check) and, where asked, its MD5. */
    private record Piece(byte[] sha256, String md5Hex) {
    }

    /**
     * The file read once, front to back, range by range, through one small buffer: hashed with XXH128 (our
     * identity, checked against the catalog's at the end) and SHA-256 (the whole file's, and each range's).
     */
    private static final class LocalFile implements AutoCloseable {
        private final Path path;
        private final long size;
        private final FileChannel channel;
        private final Xxh128Hasher xxh = new Xxh128Hasher();
        private final MessageDigest sha = sha256();
        private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        private long read;

        LocalFile(Path path, long size) {
            this.path = path;
            this.size = size;
            try {
                this.channel = FileChannel.open(path);
            } catch (IOException e) {
                throw new RemoteException(RemoteException.Kind.SOURCE, "Cannot read " + path + ": " + e, e);
            }
        }

        /** Hashes the next {@code length} bytes; with {@code md5}, their MD5 too (a held part's plain ETag). */
        Piece next(long length, boolean md5) {
            MessageDigest part = sha256();
            MessageDigest etag = md5 ? md5() : null;
            long left = length;
            try {
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    int n = channel.read(buffer);
                    if (n < 0) {
                        throw changed("it ends after " + read + " of " + size + " bytes");
                    }
                    byte[] b = buffer.array();
                    xxh.update(b, 0, n);
                    sha.update(b, 0, n);
                    part.update(b, 0, n);
                    if (etag != null) {
                        etag.update(b, 0, n);
                    }
                    read += n;
                    left -= n;
                }
            } catch (IOException e) {
                throw new RemoteException(RemoteException.Kind.SOURCE, "Cannot read " + path + ": " + e, e);
            }
            return new Piece(part.digest(), etag == null ? null : HexFormat.of().formatHex(etag.digest()));
        }

        /** Checks that the file ended where expected with the expected XXH128; returns its SHA-256. */
        byte[] finish(Xxh128 expected) {
            try {
                if (channel.read(ByteBuffer.allocate(1)) > 0) {
                    throw changed("it is longer than the " + size + " bytes recorded");
                }
            } catch (IOException e) {
                throw new RemoteException(RemoteException.Kind.SOURCE, "Cannot read " + path + ": " + e, e);
            }
            Xxh128 got = xxh.finish();
            if (!got.equals(expected)) {
                throw changed("its XXH128 is " + got + ", not the recorded " + expected);
            }
            return sha.digest();
        }

        private RemoteException changed(String how) {
            return new RemoteException(RemoteException.Kind.SOURCE, path + " no longer matches what was recorded ("
                    + how + "); it was not uploaded. Verify the drive it is on.");
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only; nothing to lose
            }
        }
    }

    /**
     * The bodies of one upload: counts what the HTTP client takes (once, even where the SDK reads a body again
     * to sign or resend it), reports it to the caller's consumer, and stops at a cancellation.
     */
    private static final class Sending {
        private final LongConsumer sent;
        private final Cancellation cancel;
        private final BooleanSupplier damageThisBody;
        long total;

        Sending(LongConsumer sent, Cancellation cancel, BooleanSupplier damageThisBody) {
            this.sent = sent;
            this.cancel = cancel;
            this.damageThisBody = damageThisBody;
        }

        /** A small body from memory (the probe of {@code remote test}). */
        Body body(byte[] data) {
            return new Body(() -> new ByteArrayInputStream(data), data.length);
        }

        /**
         * {@code length} bytes of {@code file} from {@code offset}, read from the file each time the HTTP client
         * (or a retry, or the signer) asks for the body: nothing of it is held in memory.
         */
        Body body(Path file, long offset, long length) {
            return new Body(() -> {
                FileChannel channel = FileChannel.open(file);
                channel.position(offset);
                return Channels.newInputStream(channel);
            }, length);
        }

        private interface Opener {
            InputStream open() throws IOException;
        }

        /**
         * The request bodies of one request (the same bytes again after a conditional write was not understood);
         * closing it closes every reading of the file it opened, whether or not the SDK did.
         */
        final class Body implements Supplier<RequestBody>, AutoCloseable {
            private final Opener opener;
            private final long length;
            private final List<InputStream> opened = new ArrayList<>();

            Body(Opener opener, long length) {
                this.opener = opener;
                this.length = length;
            }

            @Override
            public RequestBody get() {
                boolean damaged = damageThisBody.getAsBoolean();
                long[] highWater = {0};
                return RequestBody.fromContentProvider(() -> {
                    InputStream in;
                    try {
                        in = opener.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (opened) {
                        opened.add(in);
                    }
                    return new Counted(in, length, damaged, highWater);
                }, length, "application/octet-stream");
            }

            @Override
            public void close() {
                synchronized (opened) {
                    for (InputStream in : opened) {
                        try {
                            in.close();
                        } catch (IOException e) {
                            // a read-only file: nothing to lose
                        }
                    }
                    opened.clear();
                }
            }
        }

        /** One reading of a body: at most its length, counted once across readings, damaged where asked. */
        private final class Counted extends InputStream {
            private final InputStream in;
            private final long length;
            private final boolean damaged;
            private final long[] highWater;
            private long pos;

            Counted(InputStream in, long length, boolean damaged, long[] highWater) {
                this.in = in;
                this.length = length;
                this.damaged = damaged;
                this.highWater = highWater;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                // a part in flight is finished: cancellation stops between parts, so what was sent is kept
                if (pos >= length) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, length - pos));
                if (n < 0) {
                    throw new IOException("the file ended " + (length - pos) + " bytes before the end of the body");
                }
                long middle = length / 2;
                if (damaged && pos <= middle && middle < pos + n) {
                    b[off + (int) (middle - pos)] ^= 0x01;
                }
                pos += n;
                if (pos > highWater[0]) {
                    long fresh = pos - highWater[0];
                    highWater[0] = pos;
                    total += fresh;
                    sent.accept(fresh);
                }
                return n;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(in.available(), length - pos);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }

        void checkCancelled() {
            if (cancel.isCancelled()) {
                throw new CancellationException("upload cancelled");
            }
        }

        RemoteException failure(S3Store store, String doing, SdkException e) {
            checkCancelled();
            return store.failure(doing, e);
        }
    }
}
