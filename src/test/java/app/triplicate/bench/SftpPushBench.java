package app.triplicate.bench;

import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;
import app.triplicate.progress.Cancellation;
import app.triplicate.remote.KnownHosts;
import app.triplicate.remote.RemoteStore;
import app.triplicate.remote.SftpSettings;
import app.triplicate.remote.SftpStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * For bench/push-vs-sftp.sh: uploads every file of a folder with {@link SftpStore}, as push does, and prints
 * one line "seconds bytes files". The files are hashed first (push takes the hashes from the catalog), not
 * timed; the timed part is connecting and uploading, files in parallel over one connection.
 * <p>
 * Usage: SftpPushBench FOLDER HOST PORT USER KEY_FILE KNOWN_HOSTS BASE_FOLDER PREFIX PARALLEL
 */
public final class SftpPushBench {
    private SftpPushBench() {
    }

    record Item(Path file, String key, long size, Xxh128 hash) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: SftpPushBench FOLDER HOST PORT USER KEY_FILE KNOWN_HOSTS BASE PREFIX PARALLEL");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        SftpSettings settings = SftpSettings.withKey(args[1], Integer.parseInt(args[2]), args[3], Path.of(args[4]),
                args[6]);
        KnownHosts knownHosts = new KnownHosts(Path.of(args[5]));
        String prefix = args[7];
        int parallel = Integer.parseInt(args[8]);

        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                items.add(new Item(f, prefix + "/" + f.getFileName(), Files.size(f), hash(f)));
            }
        }

        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        try (RemoteStore store = new SftpStore(settings, knownHosts);
             ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<RemoteStore.Upload>> uploads = new ArrayList<>();
            for (Item item : items) {
                uploads.add(pool.submit(() -> store.upload(item.key(), item.file(), item.hash(), item.size(),
                        sent::addAndGet, new Cancellation())));
            }
            for (Future<RemoteStore.Upload> f : uploads) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%.3f %d %d%n", seconds, sent.get(), items.size());
    }

    private static Xxh128 hash(Path file) throws IOException {
        Xxh128Hasher hasher = new Xxh128Hasher();
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                hasher.update(buf, 0, n);
            }
        }
        return hasher.finish();
    }
}
