package app.triplicate.bench;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.LocationRepository;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import app.triplicate.core.CopyCount;
import app.triplicate.core.DriveRole;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Location;
import app.triplicate.core.MediaFile;
import app.triplicate.core.Session;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import app.triplicate.settings.Home;
import app.triplicate.settings.SettingsStore;
import app.triplicate.wiring.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds a synthetic catalog for benchmarks (bench/status-million.sh) without copying any file: 3 drives
 * (distinct devices, one offsite), SESSIONS sessions and FILES media files with unique random hashes,
 * plausible sizes, capture times and cameras, each with verified copies on 2 or 3 of the drives, so that
 * most sessions meet the default policy (3 copies, 1 offsite) and some do not.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:target/lib/* app.triplicate.bench.SyntheticCatalog HOME [FILES [SESSIONS]]
 * </pre>
 * FILES defaults to 1000000, SESSIONS to 10000. HOME must not hold a catalog yet.
 * <p>
 * Drives and sessions always go through {@link LocationRepository#insert} and {@link SessionRepository#create}.
 * Media files and their copies go, with {@code -Dsynthetic.mode=api}, through {@link MediaFileRepository#insert}
 * and {@link MediaFileRepository#recordVerified} one row at a time (each call its own transaction, and each
 * keeps the per-file counts and the session histogram up to date itself). That is too slow for a million files,
 * so the default, {@code -Dsynthetic.mode=batch}, writes the same rows with JDBC batch inserts in
 * {@link Catalog#inTransaction} chunks, and computes what the repository would maintain itself:
 * {@code media_file.copy_count}/{@code offsite_count} with the same rule ({@link CopyCount#of} over the drives
 * holding a verified copy), the {@code session_copies} histogram (files and bytes per session, copy count and
 * offsite count, culled files excluded, no empty buckets), and each session's first/last capture (the
 * repository's LEAST/GREATEST update). It then checks all three against a recount in SQL, like the V3 migration's.
 * <p>
 * Deterministic: the same arguments give the same catalog (seed {@code -Dsynthetic.seed}, default 1), except for
 * the drive and session ids, which the repositories draw themselves.
 */
public final class SyntheticCatalog {

    private static final String[] SUBJECTS = {"Wedding", "Portraits", "Birthday", "Concert", "Hike", "Studio",
            "Football", "Family", "Landscape", "Street", "Product shoot", "Engagement"};
    private static final Camera[] CAMERAS = {
            new Camera("Canon", "Canon EOS R5", "012345678901"),
            new Camera("NIKON CORPORATION", "NIKON Z 6_2", "3012345"),
            new Camera("SONY", "ILCE-7M4", null),
            new Camera("FUJIFILM", "X-T4", "9ABC1234"),
            new Camera("Apple", "iPhone 15 Pro", null)};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2014, 1, 4, 9, 0);
    private static final int CHUNK = 20_000;

    private final Home home;
    private final int files;
    private final int sessions;
    private final SplittableRandom random;

    private SyntheticCatalog(Home home, int files, int sessions, long seed) {
        this.home = home;
        this.files = files;
        this.sessions = sessions;
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: SyntheticCatalog HOME [FILES (1000000) [SESSIONS (10000)]]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        if (files < 1 || sessions < 1 || sessions > files) {
            throw new IllegalArgumentException("need 1 <= SESSIONS <= FILES (got " + files + " files, " + sessions + " sessions)");
        }
        String mode = System.getProperty("synthetic.mode", "batch");
        if (!mode.equals("batch") && !mode.equals("api")) {
            throw new IllegalArgumentException("-Dsynthetic.mode is batch or api (got " + mode + ")");
        }
        long seed = Long.getLong("synthetic.seed", 1L);
        Home home = Home.under(dir);
        if (Files.exists(home.catalogBase().resolveSibling("catalog.mv.db"))) {
            throw new IllegalStateException("there is a catalog in " + home.dataDir() + " already; use an empty HOME");
        }
        long t0 = System.nanoTime();
        new SyntheticCatalog(home, files, sessions, seed).build(mode.equals("api"));
        System.out.printf(Locale.ROOT, "synthetic catalog: %d files in %d sessions under %s (mode %s) built in %.1f s%n",
                files, sessions, dir.toAbsolutePath().normalize(), mode, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ the plan (same for both modes)

    /** How a session's files are spread over the drives: index 0..2 = A, B, C (offsite). */
    private enum Spread {
        ALL_THREE,       // every file on A, B and C: meets the policy
        NO_OFFSITE,      // every file on A and B: 2 of 3 copies, no offsite copy
        SOME_SHORT       // most files on A, B, C; about 1 in 8 only on A and C: "N files have 2 copies"
    }

    private record PlannedSession(String name, String folder, LocalDateTime start, Camera camera, int files,
                                  Spread spread) {
    }

    private List<PlannedSession> planSessions() {
        // a skewed share of files per session (a few big weddings, many small shoots), at least one file each
        double[] weight = new double[sessions];
        double total = 0;
        for (int i = 0; i < sessions; i++) {
            weight[i] = -Math.log(1 - random.nextDouble()) + 0.05;
            total += weight[i];
        }
        int[] count = new int[sessions];
        int assigned = 0;
        for (int i = 0; i < sessions; i++) {
            count[i] = 1 + (int) Math.floor(weight[i] / total * (files - sessions));
            assigned += count[i];
        }
        for (int i = 0; assigned < files; i = (i + 1) % sessions) {
            count[i]++;
            assigned++;
        }
        // sessions a few days apart over the years, in order
        List<PlannedSession> out = new ArrayList<>(sessions);
        long span = Duration.ofDays(365L * 12).toMinutes();
        for (int i = 0; i < sessions; i++) {
            LocalDateTime start = EPOCH.plusMinutes(span * i / sessions + random.nextInt(600));
            String name = start.toLocalDate() + " " + SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + (i + 1);
            String folder = LibraryLayout.sessionFolder(LibraryLayout.DEFAULT_TEMPLATE, start.toLocalDate(), name, null);
            int r = random.nextInt(100);
            Spread spread = r < 80 ? Spread.ALL_THREE : r < 90 ? Spread.NO_OFFSITE : Spread.SOME_SHORT;
            out.add(new PlannedSession(name, folder, start, CAMERAS[random.nextInt(CAMERAS.length)], count[i], spread));
        }
        return out;
    }

    /** One file of a session: everything but the ids. */
    private MediaFile plannedFile(long ordinal, long sessionId, PlannedSession s, int indexInSession) {
        // unique by construction: the low half is a bijective mix of the ordinal
        Xxh128 hash = new Xxh128(random.nextLong(), mix64(ordinal + 1));
        String ext;
        long size;
        int kind = random.nextInt(100);
        if (kind < 45) {
            ext = "CR2";
            size = 22_000_000L + random.nextInt(18_000_000);
        } else if (kind < 95) {
            ext = "JPG";
            size = 4_000_000L + random.nextInt(12_000_000);
        } else if (kind < 99) {
            ext = "MP4";
            size = 80_000_000L + random.nextLong(1_500_000_000L);
        } else {
            ext = "XMP";
            size = 4_000L + random.nextInt(20_000);
        }
        String original = String.format(Locale.ROOT, "IMG_%05d.%s", indexInSession + 1, ext);
        LocalDateTime local = s.start().plusSeconds(indexInSession * 7L + random.nextInt(7))
                .plusNanos(random.nextInt(100) * 10_000_000L);
        boolean fallback = random.nextInt(1000) == 0;
        CaptureTime capture = fallback ? new CaptureTime(local, ZoneOffset.ofHours(1), CaptureTime.FALLBACK_SOURCE, true)
                : new CaptureTime(local, null, ext.equals("MP4") ? "QuickTime:CreateDate" : "EXIF:ExifIFD:DateTimeOriginal",
                false);
        Camera camera = fallback ? Camera.UNKNOWN : s.camera();
        Instant imported = local.plusDays(1).toInstant(ZoneOffset.UTC);
        return new MediaFile(0, hash, size, sessionId, s.folder() + "/" + original, original, capture, local, false,
                camera, imported);
    }

    /** The drives (0 = A, 1 = B, 2 = C offsite) holding a verified copy of the file. */
    private int[] holders(Spread spread) {
        return switch (spread) {
            case ALL_THREE -> new int[]{0, 1, 2};
            case NO_OFFSITE -> new int[]{0, 1};
            case SOME_SHORT -> random.nextInt(8) == 0 ? new int[]{0, 2} : new int[]{0, 1, 2};
        };
    }

    private static long mix64(long z) { // the SplitMix64 finalizer: a bijection on longs
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ building

    private void build(boolean api) throws SQLException {
        SettingsStore settings = new SettingsStore(home.settingsFile(), Version.current());
        if (!Files.exists(home.settingsFile())) {
            settings.save(settings.load()); // the defaults, as Services writes them
        }
        try (Catalog catalog = Catalog.open(home.catalogBase())) {
            long t = System.nanoTime();
            LocationRepository locationRepo = new LocationRepository(catalog);
            Instant registered = EPOCH.minusDays(30).toInstant(ZoneOffset.UTC);
            List<Location> drives = new ArrayList<>();
            String[] labels = {"A", "B", "C"};
            for (int i = 0; i < 3; i++) {
                Location l = new Location(UUID.randomUUID(), labels[i], DriveRole.BACKUP, i == 2,
                        home.dataDir().resolveSibling("drives").resolve(labels[i]).toString(), "synthetic:" + (i + 1),
                        false, registered, registered);
                locationRepo.insert(l);
                drives.add(l);
            }
            SessionRepository sessionRepo = new SessionRepository(catalog);
            List<PlannedSession> plan = planSessions();
            List<Session> created = new ArrayList<>(plan.size());
            for (PlannedSession p : plan) {
                created.add(sessionRepo.create(p.name(), p.folder()));
            }
            System.out.printf(Locale.ROOT, "  3 drives and %d sessions (repositories) in %.1f s%n", plan.size(),
                    (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            if (api) {
                buildWithRepositories(catalog, drives, plan, created);
            } else {
                buildInBatches(catalog, drives, plan, created);
            }
            System.out.printf(Locale.ROOT, "  %d media files and their copies (%s) in %.1f s%n", files,
                    api ? "MediaFileRepository.insert + recordVerified" : "JDBC batches", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            check(catalog);
            System.out.printf(Locale.ROOT, "  counts, histogram and session ranges match a recount (%.1f s)%n",
                    (System.nanoTime() - t) / 1e9);
        }
    }

    private Instant verifiedAt(MediaFile f, int drive) {
        // verified at ingest, and some drives re-verified since
        return f.importedAt().plus(Duration.ofMinutes(5 + drive * 3L + (random.nextInt(4) == 0 ? 60L * 24 * 200 : 0)));
    }

    private void buildWithRepositories(Catalog catalog, List<Location> drives, List<PlannedSession> plan,
                                       List<Session> created) {
        MediaFileRepository repo = new MediaFileRepository(catalog);
        long ordinal = 0;
        long start = System.nanoTime();
        for (int s = 0; s < plan.size(); s++) {
            PlannedSession p = plan.get(s);
            for (int i = 0; i < p.files(); i++) {
                MediaFile planned = plannedFile(ordinal++, created.get(s).id(), p, i);
                // synthetic times are wall-clock times, read as UTC for their instants in both modes
                MediaFile f = repo.insert(planned, planned.captureTimeline().toInstant(ZoneOffset.UTC),
                        planned.captureTimeline());
                for (int d : holders(p.spread())) {
                    repo.recordVerified(f.id(), drives.get(d).id(), f.libraryPath(), verifiedAt(f, d),
                            VerifyMethod.DIRECT_READ);
                }
                if (ordinal % 10_000 == 0) {
                    progress(ordinal, start);
                }
            }
        }
    }

    private void progress(long done, long start) {
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "    %d files, %.1f s, %.0f files/s%n", done, s, done / s);
    }

    private void buildInBatches(Catalog catalog, List<Location> drives, List<PlannedSession> plan,
                                List<Session> created) {
        // copy_count/offsite_count of a set of holders, by the repository's rule (CopyCount over the drives)
        Map<String, int[]> counts = new HashMap<>();
        long nextId = catalog.inTransaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM media_file")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException("the catalog holds media files already");
                }
                return rs.getLong(2) + 1;
            }
        });
        long[] id = {nextId};
        long[] ordinal = {0};
        long start = System.nanoTime();
        int s = 0;
        while (s < plan.size()) {
            // whole sessions per transaction, about CHUNK files each
            int from = s;
            int n = 0;
            while (s < plan.size() && (n == 0 || n + plan.get(s).files() <= CHUNK)) {
                n += plan.get(s++).files();
            }
            int to = s;
            catalog.inTransaction(c -> {
                insertSessions(c, drives, plan, created, from, to, id, ordinal, counts);
                return null;
            });
            progress(ordinal[0], start);
        }
        long last = id[0] - 1;
        long derived = System.nanoTime();
        catalog.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                // the per-session figures the repository keeps as it goes (V5), computed once for the batch
                st.execute("""
                        INSERT INTO session_location (session_id, location_id, files, bytes)
                        SELECT c.session_id, c.location_id, COUNT(*), SUM(m.size) FROM copy c
                        JOIN media_file m ON m.id = c.media_file_id WHERE c.counted GROUP BY c.session_id, c.location_id""");
                st.execute("""
                        INSERT INTO session_camera (session_id, camera_key, first_use)
                        SELECT session_id, COALESCE(camera_make, '') || CHAR(9) || COALESCE(camera_model, ''),
                               MIN(capture_timeline)
                        FROM media_file WHERE camera_make IS NOT NULL OR camera_model IS NOT NULL
                        GROUP BY session_id, COALESCE(camera_make, '') || CHAR(9) || COALESCE(camera_model, '')""");
                st.execute("""
                        MERGE INTO session s USING (SELECT session_id, COUNT(*) n, SUM(size) b,
                               SUM(CASE WHEN capture_fallback THEN 1 ELSE 0 END) fb FROM media_file GROUP BY session_id) f
                        ON s.id = f.session_id WHEN MATCHED THEN UPDATE SET files = f.n, bytes = f.b, fallback_files = f.fb""");
                st.execute("""
                        MERGE INTO session s USING (SELECT session_id, MIN(verified_at) v FROM copy
                               WHERE state = 'VERIFIED' GROUP BY session_id) o
                        ON s.id = o.session_id WHEN MATCHED THEN UPDATE SET oldest_verified = o.v""");
                // ids were given explicitly: later inserts (ingest) continue after them
                st.execute("ALTER TABLE media_file ALTER COLUMN id RESTART WITH " + (last + 1));
                System.out.printf("per-session figures computed in %.1f s%n", (System.nanoTime() - derived) / 1e9);
            }
            return null;
        });
    }

    private void insertSessions(Connection c, List<Location> drives, List<PlannedSession> plan, List<Session> created,
                                int from, int to, long[] id, long[] ordinal, Map<String, int[]> counts)
            throws SQLException {
        try (PreparedStatement file = c.prepareStatement("""
                INSERT INTO media_file (id, hash, size, session_id, library_path, original_name, capture_local,
                                        capture_offset_seconds, capture_source, imported_at, capture_timeline,
                                        capture_fallback, capture_suspicious, camera_make, camera_model,
                                        camera_serial, copy_count, offsite_count, culled)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)""");
             PreparedStatement copy = c.prepareStatement("""
                     INSERT INTO copy (media_file_id, location_id, path, state, verified_at, verify_method,
                                       session_id, counted)
                     VALUES (?, ?, ?, 'VERIFIED', ?, ?, ?, TRUE)""");
             PreparedStatement range = c.prepareStatement("""
                     UPDATE session SET first_capture = LEAST(COALESCE(first_capture, ?), ?),
                                        last_capture = GREATEST(COALESCE(last_capture, ?), ?),
                                        first_wall_clock = ?, last_wall_clock = ?, first_instant = ?, last_instant = ?
                     WHERE id = ?""");
             PreparedStatement bucket = c.prepareStatement("""
                     INSERT INTO session_copies (session_id, copy_count, offsite_count, files, bytes)
                     VALUES (?, ?, ?, ?, ?)""")) {
            for (int s = from; s < to; s++) {
                PlannedSession p = plan.get(s);
                long sessionId = created.get(s).id();
                LocalDateTime first = null;
                LocalDateTime last = null;
                Map<List<Integer>, long[]> histogram = new HashMap<>(); // (copies, offsite) -> files, bytes
                for (int i = 0; i < p.files(); i++) {
                    MediaFile f = plannedFile(ordinal[0]++, sessionId, p, i).withId(id[0]++);
                    int[] holders = holders(p.spread());
                    int[] cc = counts.computeIfAbsent(java.util.Arrays.toString(holders), k -> {
                        List<Location> held = new ArrayList<>();
                        for (int d : holders) {
                            held.add(drives.get(d));
                        }
                        return new int[]{CopyCount.of(held), CopyCount.of(held.stream().filter(Location::offsite).toList())};
                    });
                    CaptureTime t = f.capture();
                    file.setLong(1, f.id());
                    file.setString(2, f.hash().hex());
                    file.setLong(3, f.size());
                    file.setLong(4, f.sessionId());
                    file.setString(5, f.libraryPath());
                    file.setString(6, f.originalName());
                    file.setTimestamp(7, Timestamp.valueOf(t.local()));
                    file.setObject(8, t.offset() == null ? null : t.offset().getTotalSeconds());
                    file.setString(9, t.source());
                    file.setObject(10, f.importedAt().atOffset(ZoneOffset.UTC));
                    file.setTimestamp(11, Timestamp.valueOf(f.captureTimeline()));
                    file.setBoolean(12, t.fallback());
                    file.setBoolean(13, f.suspicious());
                    file.setString(14, f.camera().make());
                    file.setString(15, f.camera().model());
                    file.setString(16, f.camera().serial());
                    file.setInt(17, cc[0]);
                    file.setInt(18, cc[1]);
                    file.addBatch();
                    for (int d : holders) {
                        copy.setLong(1, f.id());
                        copy.setObject(2, drives.get(d).id());
                        copy.setString(3, f.libraryPath());
                        copy.setObject(4, verifiedAt(f, d).atOffset(ZoneOffset.UTC));
                        copy.setString(5, VerifyMethod.DIRECT_READ.word());
                        copy.setLong(6, sessionId);
                        copy.addBatch();
                    }
                    long[] b = histogram.computeIfAbsent(List.of(cc[0], cc[1]), k -> new long[2]);
                    b[0]++;
                    b[1] += f.size();
                    LocalDateTime tl = f.captureTimeline();
                    first = first == null || tl.isBefore(first) ? tl : first;
                    last = last == null || tl.isAfter(last) ? tl : last;
                }
                range.setTimestamp(1, Timestamp.valueOf(first));
                range.setTimestamp(2, Timestamp.valueOf(first));
                range.setTimestamp(3, Timestamp.valueOf(last));
                range.setTimestamp(4, Timestamp.valueOf(last));
                range.setTimestamp(5, Timestamp.valueOf(first));
                range.setTimestamp(6, Timestamp.valueOf(last));
                range.setObject(7, first.atOffset(ZoneOffset.UTC));
                range.setObject(8, last.atOffset(ZoneOffset.UTC));
                range.setLong(9, sessionId);
                range.addBatch();
                for (Map.Entry<List<Integer>, long[]> e : histogram.entrySet()) {
                    bucket.setLong(1, sessionId);
                    bucket.setInt(2, e.getKey().get(0));
                    bucket.setInt(3, e.getKey().get(1));
                    bucket.setLong(4, e.getValue()[0]);
                    bucket.setLong(5, e.getValue()[1]);
                    bucket.addBatch();
                }
            }
            file.executeBatch(); // files before their copies (foreign key)
            copy.executeBatch();
            range.executeBatch();
            bucket.executeBatch();
        }
    }

    /** The counts, histogram and ranges the repository maintains, recounted from the rows in SQL. */
    private static void check(Catalog catalog) {
        String[] mismatches = {
                // copy_count: distinct counting keys among verified copies on drives not retired (refreshCounts)
                """
                SELECT COUNT(*) FROM media_file m WHERE m.copy_count <> (
                    SELECT COUNT(DISTINCT CASE WHEN l.same_device OR l.device_id IS NULL
                                               THEN 'location:' || l.id ELSE 'device:' || l.device_id END)
                    FROM copy c JOIN location l ON l.id = c.location_id
                    WHERE c.media_file_id = m.id AND c.state = 'VERIFIED' AND NOT l.retired)""",
                """
                SELECT COUNT(*) FROM media_file m WHERE m.offsite_count <> (
                    SELECT COUNT(DISTINCT CASE WHEN l.same_device OR l.device_id IS NULL
                                               THEN 'location:' || l.id ELSE 'device:' || l.device_id END)
                    FROM copy c JOIN location l ON l.id = c.location_id
                    WHERE c.media_file_id = m.id AND c.state = 'VERIFIED' AND NOT l.retired AND l.offsite)""",
                """
                SELECT COUNT(*) FROM (
                    (SELECT session_id, copy_count, offsite_count, COUNT(*), SUM(size) FROM media_file
                     WHERE NOT culled GROUP BY session_id, copy_count, offsite_count
                     EXCEPT SELECT session_id, copy_count, offsite_count, files, bytes FROM session_copies)
                    UNION ALL
                    (SELECT session_id, copy_count, offsite_count, files, bytes FROM session_copies
                     EXCEPT SELECT session_id, copy_count, offsite_count, COUNT(*), SUM(size) FROM media_file
                     WHERE NOT culled GROUP BY session_id, copy_count, offsite_count))""",
                """
                SELECT COUNT(*) FROM session s LEFT JOIN (
                    SELECT session_id, MIN(capture_timeline) AS lo, MAX(capture_timeline) AS hi FROM media_file
                    GROUP BY session_id) r ON r.session_id = s.id
                WHERE s.first_capture IS DISTINCT FROM r.lo OR s.last_capture IS DISTINCT FROM r.hi"""};
        String[] what = {"files with a wrong copy_count", "files with a wrong offsite_count",
                "session_copies rows that differ from a recount", "sessions with a wrong capture range"};
        catalog.inTransaction(c -> {
            for (int i = 0; i < mismatches.length; i++) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(mismatches[i])) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        throw new IllegalStateException(rs.getLong(1) + " " + what[i]);
                    }
                }
            }
            return null;
        });
    }
}
