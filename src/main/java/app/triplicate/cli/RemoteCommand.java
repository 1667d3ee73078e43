package app.triplicate.cli;

import app.triplicate.core.UsageException;
import app.triplicate.remote.RemoteConfig;
import app.triplicate.remote.RemoteException;
import app.triplicate.remote.RemoteSettingsService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "remote", description = {"Set, show, test and trust the offsite remote.",
        "The remote is an SFTP server or S3-compatible storage."},
        subcommands = {RemoteCommand.SetRemote.class, RemoteCommand.Show.class, RemoteCommand.Test.class,
                RemoteCommand.Trust.class})
final class RemoteCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "set", description = {
            "Set the offsite remote (again: replace its settings).",
            "  remote set sftp://USER@HOST[:PORT]/PATH [--key FILE | --password-stdin]",
            "  remote set s3://BUCKET[/PREFIX] --endpoint URL --access-key K --secret-stdin",
            "             [--region R] [--path-style] [--allow-http]"})
    static final class SetRemote implements Callable<Integer> {
        @ParentCommand
        RemoteCommand parent;

        @Parameters(paramLabel = "URL", description = "sftp://USER@HOST[:PORT]/PATH or s3://BUCKET[/PREFIX]")
        String url;

        @Option(names = "--key", paramLabel = "FILE", description = "SFTP: a private key file (OpenSSH format).")
        Path key;

        @Option(names = "--password-stdin", description = "SFTP: read the password from standard input.")
        boolean passwordStdin;

        @Option(names = "--endpoint", paramLabel = "URL", description = "S3: the service's https:// address.")
        String endpoint;

        @Option(names = "--region", description = "S3: the region (default us-east-1).")
        String region;

        @Option(names = "--access-key", paramLabel = "K", description = "S3: the access key id.")
        String accessKey;

        @Option(names = "--secret-stdin", description = "S3: read the secret key from standard input.")
        boolean secretStdin;

        @Option(names = "--path-style", description = "S3: bucket in the path (MinIO and most NAS servers).")
        boolean pathStyle;

        @Option(names = "--allow-http", description = "S3: allow plain http:// for a server on your own network.")
        boolean allowHttp;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            RemoteSettingsService remotes = RemoteSettingsService.forConfig(parent.root.home().configDir());
            RemoteConfig config;
            String secret;
            if (url.regionMatches(true, 0, "sftp:", 0, 5)) {
                if (endpoint != null || accessKey != null || secretStdin || pathStyle || allowHttp) {
                    throw new UsageException("--endpoint, --region, --access-key, --secret-stdin, --path-style and "
                            + "--allow-http are for s3:// remotes.");
                }
                if ((key == null) == !passwordStdin) {
                    throw new UsageException("An SFTP remote needs either --key FILE or --password-stdin.");
                }
                config = remotes.sftp(url, key);
                secret = passwordStdin ? readSecret(env.in(), "password") : null;
            } else if (url.regionMatches(true, 0, "s3:", 0, 3)) {
                if (key != null || passwordStdin) {
                    throw new UsageException("--key and --password-stdin are for sftp:// remotes.");
                }
                if (!secretStdin) {
                    throw new UsageException("An S3 remote needs --secret-stdin (the secret key, read from standard "
                            + "input so it stays out of your shell history).");
                }
                config = remotes.s3(url, endpoint, region, accessKey, pathStyle, allowHttp);
                secret = readSecret(env.in(), "secret key");
            } else {
                throw new UsageException("A remote is sftp://USER@HOST[:PORT]/PATH or s3://BUCKET[/PREFIX] (got \""
                        + url + "\").");
            }
            remotes.save(config, Optional.ofNullable(secret));
            // the catalog follows at once: copies on an earlier remote stop counting now, not at the next push
            parent.root.services().push.useRemote(config);
            env.out().println("Remote set: " + config.describe() + ".");
            env.out().println("Run \"triplicate remote test\" to check that Triplicate can reach it and write there.");
            return Cli.OK;
        }

        private static String readSecret(java.io.BufferedReader in, String what) {
            try {
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw new UsageException("No " + what + " on standard input.");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "show", description = "Show the remote's settings (never its secret).")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        RemoteCommand parent;

        @Option(names = "--json", description = "One JSON object on standard output.")
        boolean json;

        record ShowJson(int schemaVersion, boolean configured, String kind, String describe, String host, Integer port,
                        String user, String path, String keyFile, String endpoint, String region, String bucket,
                        String accessKey, boolean pathStyle, boolean allowHttp, boolean secretStored) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            RemoteSettingsService.Current current = RemoteSettingsService.forConfig(parent.root.home().configDir())
                    .current();
            Optional<RemoteConfig> c = current.config();
            boolean secret = current.secretStored();
            if (json) {
                env.out().println(Json.write(c.map(r -> new ShowJson(1, true, r.kind(), r.describe(), r.host(), r.port(),
                        r.user(), r.path(), r.keyFile(), r.endpoint(), r.region(), r.bucket(), r.accessKey(),
                        r.pathStyle(), r.allowHttp(), secret)).orElse(new ShowJson(1, false, null, null, null, null,
                        null, null, null, null, null, null, null, false, false, false))));
                return Cli.OK;
            }
            if (c.isEmpty()) {
                env.out().println("No remote is set. Set one with \"triplicate remote set sftp://USER@HOST/PATH ...\" "
                        + "or \"triplicate remote set s3://BUCKET --endpoint URL ...\".");
                return Cli.OK;
            }
            RemoteConfig r = c.get();
            env.out().println("Remote: " + r.describe());
            if (RemoteConfig.SFTP.equals(r.kind())) {
                env.out().println("Sign-in: " + (r.keyFile() != null ? "key file " + r.keyFile()
                        : "password" + (secret ? " (stored, readable only by you)" : " (NOT stored: set it again)")));
            } else {
                env.out().println("Region: " + r.region() + (r.pathStyle() ? ", path-style" : "")
                        + (r.allowHttp() ? ", plain HTTP allowed (local network)" : ""));
                env.out().println("Access key: " + r.accessKey() + ", secret key "
                        + (secret ? "stored, readable only by you" : "NOT stored: set it again"));
            }
            return Cli.OK;
        }
    }

    @Command(name = "test", description = {"Check that the remote can be reached and written to.",
            "Writes, reads back and removes a probe in Triplicate's own folder on the remote."})
    static final class Test implements Callable<Integer> {
        @ParentCommand
        RemoteCommand parent;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            RemoteSettingsService.TestResult result = RemoteSettingsService.forConfig(parent.root.home().configDir())
                    .test();
            if (!result.ok()) {
                env.err().println("error: " + result.message());
                return Cli.PROBLEMS;
            }
            env.out().println("OK: " + result.message());
            result.warning().ifPresent(w -> env.out().println("Warning: " + w));
            return Cli.OK;
        }
    }

    @Command(name = "trust", description = {"Show the SFTP server's host key, or trust it with --fingerprint.",
            "The fingerprint is compared with the key the server presents now, so only the key you saw is trusted."})
    static final class Trust implements Callable<Integer> {
        @ParentCommand
        RemoteCommand parent;

        @Option(names = "--fingerprint", paramLabel = "SHA256:...", description = "The fingerprint you checked.")
        String fingerprint;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            RemoteSettingsService remotes = RemoteSettingsService.forConfig(parent.root.home().configDir());
            try {
                if (fingerprint == null) {
                    RemoteSettingsService.HostKey shown = remotes.hostKey();
                    env.out().println("The server at " + shown.host() + ":" + shown.port() + " presents the "
                            + shown.type() + " host key " + shown.fingerprint() + ".");
                    env.out().println("Compare it with the server's own (on the server: ssh-keygen -lf "
                            + "/etc/ssh/ssh_host_*_key.pub). If they match, trust it with:");
                    env.out().println("  triplicate remote trust --fingerprint " + shown.fingerprint());
                    return Cli.OK;
                }
                RemoteSettingsService.Trusted t = remotes.trust(fingerprint);
                env.out().println("Trusted the " + t.key().type() + " host key " + t.key().fingerprint() + " of "
                        + t.key().host() + ":" + t.key().port() + " (in " + t.file() + ").");
                return Cli.OK;
            } catch (RemoteException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.PROBLEMS;
            }
        }
    }
}
