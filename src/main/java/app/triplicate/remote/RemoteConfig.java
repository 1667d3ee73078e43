package app.triplicate.remote;

import app.triplicate.core.UsageException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The one offsite remote, as {@code remote set} records it in {@code config/remote.json}. Secrets (a
 * password, an S3 secret key) are not here: they live in {@link SecretFile}.
 *
 * @param kind      "sftp" or "s3"
 * @param keyFile   SFTP: a private key file; null means password authentication
 * @param path      SFTP: the base folder on the server; S3: the prefix inside the bucket (may be empty)
 * @param endpoint  S3: the service's URL (https unless {@code allowHttp} and a local address)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteConfig(String kind, String host, Integer port, String user, String path, String keyFile,
                           String endpoint, String region, String bucket, String accessKey, boolean pathStyle,
                           boolean allowHttp) {

    public static final String SFTP = "sftp";
    public static final String S3 = "s3";

    /**
     * Reads {@code sftp://USER@HOST[:PORT]/PATH}. The path is taken as given from the server's root
     * ({@code sftp://me@nas/volume1/backup} is {@code /volume1/backup}).
     */
    public static RemoteConfig sftp(String url, Path keyFile) {
        URI uri = uri(url, SFTP);
        if (uri.getHost() == null || uri.getUserInfo() == null || uri.getUserInfo().isBlank()) {
            throw new UsageException("An SFTP remote is written sftp://USER@HOST[:PORT]/PATH (got \"" + url + "\").");
        }
        if (uri.getUserInfo().contains(":")) {
            throw new UsageException("Do not put the password in the address; use --password-stdin.");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : decode(uri.getRawPath());
        return new RemoteConfig(SFTP, uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(), path,
                keyFile == null ? null : keyFile.toAbsolutePath().normalize().toString(), null, null, null, null,
                false, false);
    }

    /** Reads {@code s3://BUCKET[/PREFIX]} with its endpoint. */
    public static RemoteConfig s3(String url, String endpoint, String region, String accessKey, boolean pathStyle,
                                  boolean allowHttp) {
        URI uri = uri(url, S3);
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
        if (bucket == null || bucket.isBlank()) {
            throw new UsageException("An S3 remote is written s3://BUCKET[/PREFIX] (got \"" + url + "\").");
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new UsageException("An S3 remote needs --endpoint, e.g. https://s3.eu-central-003.backblazeb2.com.");
        }
        checkEndpoint(endpoint, allowHttp);
        if (accessKey == null || accessKey.isBlank()) {
            throw new UsageException("An S3 remote needs --access-key.");
        }
        String prefix = uri.getRawPath() == null ? "" : decode(uri.getRawPath()).replaceAll("^/+|/+$", "");
        return new RemoteConfig(S3, null, null, null, prefix, null, endpoint, region == null ? "us-east-1" : region,
                bucket, accessKey, pathStyle, allowHttp);
    }

    static void checkEndpoint(String endpoint, boolean allowHttp) {
        URI e;
        try {
            e = new URI(endpoint);
        } catch (URISyntaxException ex) {
            throw new UsageException("The endpoint \"" + endpoint + "\" is not a URL.");
        }
        S3Settings.checkEndpoint(e, allowHttp);
    }

    /** Where it is, without secrets. */
    public String describe() {
        if (SFTP.equals(kind)) {
            return "sftp://" + user + "@" + host + (port == null || port == 22 ? "" : ":" + port) + path;
        }
        return "s3://" + bucket + (path == null || path.isEmpty() ? "" : "/" + path) + " at " + endpoint;
    }

    private static URI uri(String url, String scheme) {
        try {
            URI u = new URI(url);
            if (!scheme.equalsIgnoreCase(u.getScheme())) {
                throw new UsageException("Expected a " + scheme + ":// address (got \"" + url + "\").");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UsageException("\"" + url + "\" is not an address: " + e.getReason()
                    + " (write spaces as %20).");
        }
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
