package app.triplicate.remote;

import app.triplicate.core.UsageException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an S3-compatible remote is and how to reach it. Checked when made: HTTPS unless plain HTTP is both
 * allowed and aimed at a local address (a NAS or MinIO at home), a bucket, a part size S3 accepts. The secret
 * is kept out of {@link #toString()}.
 *
 * @param endpoint       the service's URL, e.g. {@code https://s3.eu-central-003.backblazeb2.com}
 * @param prefix         the folder inside the bucket the library goes under; "" for the bucket's top
 * @param pathStyle      {@code https://host/bucket/key} instead of {@code https://bucket.host/key} (MinIO, s3proxy)
 * @param allowPlainHttp the user explicitly allowed {@code http://}; honoured only for a local address
 * @param partSize       bytes per multipart part; files larger than one part go up in parts
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKeyId, String secret,
                         boolean pathStyle, boolean allowPlainHttp, long partSize) {

    public static final long MIB = 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 16 * MIB;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** The largest part (read from the file as it is sent, never held in memory); 10,000 of them reach S3's 5 TiB limit. */
    public static final long MAX_PART_SIZE = 512 * MIB;

    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        region = region == null || region.isBlank() ? "us-east-1" : region.strip();
        if (bucket == null || bucket.isBlank()) {
            throw new UsageException("An S3 remote needs a bucket name.");
        }
        bucket = bucket.strip();
        prefix = normalizePrefix(prefix);
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new UsageException("An S3 remote needs an access key id.");
        }
        accessKeyId = accessKeyId.strip();
        if (secret == null || secret.isEmpty()) {
            throw new UsageException("An S3 remote needs the secret for access key " + accessKeyId + ".");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new UsageException("The S3 part size must be between 5 MiB (S3's smallest) and 512 MiB, not "
                    + partSize + " bytes.");
        }
        checkEndpoint(endpoint, allowPlainHttp);
    }

    /** Backblaze B2's S3 API, e.g. region {@code eu-central-003}. */
    public static S3Settings backblazeB2(String region, String bucket, String prefix, String keyId, String secret) {
        return new S3Settings(URI.create("https://s3." + region + ".backblazeb2.com"), region, bucket, prefix, keyId,
                secret, false, false, DEFAULT_PART_SIZE);
    }

    /** Wasabi, e.g. region {@code eu-central-1}. */
    public static S3Settings wasabi(String region, String bucket, String prefix, String keyId, String secret) {
        return new S3Settings(URI.create("https://s3." + region + ".wasabisys.com"), region, bucket, prefix, keyId,
                secret, false, false, DEFAULT_PART_SIZE);
    }

    /** Amazon S3 at its regional endpoint, e.g. region {@code eu-west-1}. */
    public static S3Settings aws(String region, String bucket, String prefix, String keyId, String secret) {
        return new S3Settings(URI.create("https://s3." + region + ".amazonaws.com"), region, bucket, prefix, keyId,
                secret, false, false, DEFAULT_PART_SIZE);
    }

    /**
     * A MinIO server (or anything like it) at {@code endpoint}: path-style; plain HTTP only when
     * {@code allowPlainHttp} and the host is local.
     */
    public static S3Settings minio(URI endpoint, String bucket, String prefix, String keyId, String secret,
                                   boolean allowPlainHttp) {
        return new S3Settings(endpoint, "us-east-1", bucket, prefix, keyId, secret, true, allowPlainHttp,
                DEFAULT_PART_SIZE);
    }

    public S3Settings withPartSize(long bytes) {
        return new S3Settings(endpoint, region, bucket, prefix, accessKeyId, secret, pathStyle, allowPlainHttp, bytes);
    }

    public S3Settings withSecret(String newSecret) {
        return new S3Settings(endpoint, region, bucket, prefix, accessKeyId, newSecret, pathStyle, allowPlainHttp,
                partSize);
    }

    public S3Settings withBucket(String newBucket) {
        return new S3Settings(endpoint, region, newBucket, prefix, accessKeyId, secret, pathStyle, allowPlainHttp,
                partSize);
    }

    /** The object key of a library path: {@code <prefix>/<path>}. */
    public String key(String libraryPath) {
        return prefix.isEmpty() ? libraryPath : prefix + "/" + libraryPath;
    }

    /** "s3://bucket/prefix at https://endpoint", without credentials. */
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + " at " + endpoint
                + (pathStyle ? " (path-style)" : "");
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", region " + region + ", access key " + accessKeyId + ", part size "
                + partSize + (allowPlainHttp ? ", plain HTTP allowed for a local address" : "") + "]";
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.strip().replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String segment : p.split("/")) {
            if (segment.equals(".") || segment.equals("..") || (segment.isEmpty() && !p.isEmpty())) {
                throw new UsageException("The S3 prefix '" + prefix + "' has an empty, '.' or '..' folder in it.");
            }
        }
        return p;
    }

    /** HTTPS; plain HTTP only when explicitly allowed and the host is a loopback or private address. */
    static void checkEndpoint(URI endpoint, boolean allowPlainHttp) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String host = endpoint.getHost();
        if (host == null || host.isBlank()) {
            throw new UsageException("The S3 endpoint '" + endpoint + "' has no host name.");
        }
        if (endpoint.getUserInfo() != null) {
            throw new UsageException("Put the access key and secret in their own settings, not in the endpoint URL.");
        }
        if (scheme.equals("https")) {
            return;
        }
        if (!scheme.equals("http")) {
            throw new UsageException("The S3 endpoint must start with https:// (it is '" + endpoint + "').");
        }
        if (!allowPlainHttp) {
            throw new UsageException("The S3 endpoint " + endpoint + " uses plain HTTP, which sends your files"
                    + " unencrypted. Use https://, or, for a server on your own network, allow plain HTTP"
                    + " explicitly (--allow-http).");
        }
        if (!isLocal(host)) {
            throw new UsageException("Plain HTTP is allowed only for a server on your own network (a loopback"
                    + " or private address); " + host + " is not one. Use https:// for " + endpoint + ".");
        }
    }

    /** Loopback, private (10/8, 172.16/12, 192.168/16) or IPv6 unique-local; a name must resolve only to such. */
    static boolean isLocal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            throw new UsageException("The server name '" + h + "' cannot be found, so Triplicate cannot tell"
                    + " whether it is on your own network (plain HTTP is allowed only there). Check the name, or"
                    + " use its IP address, or https://.");
        }
        for (InetAddress a : addresses) {
            boolean uniqueLocal6 = a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (!(a.isLoopbackAddress() || a.isSiteLocalAddress() || uniqueLocal6)) {
                return false;
            }
        }
        return addresses.length > 0;
    }
}
