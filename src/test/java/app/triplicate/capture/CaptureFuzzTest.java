package app.triplicate.capture;

import app.triplicate.core.CaptureTime;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.testing.Cards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The capture reader's promise under attack: the headers of the real camera samples are mutated at random
 * (seeded, reproducible case by case) and every mutant must be read without an escaped exception or error
 * (OutOfMemoryError and StackOverflowError included) and within a generous time per file; when the reader
 * falls back to the modification time it must say why.
 *
 * <p>Run with {@code -Dfuzz.seed=N} for another seed, {@code -Dfuzz.cases=N} for another number of cases,
 * and {@code -Dfuzz.case=N} to rerun one failing case alone.
 */
class CaptureFuzzTest {
    private static final long DEFAULT_SEED = 20_240_611L;
    /** 350 mutants for each of the 29 camera samples and the 3 synthetic old-camera movies. */
    private static final int DEFAULT_CASES = 350 * 32;
    /** Catches hangs, does not measure speed: a real header reads in milliseconds. */
    private static final long PER_CASE_SECONDS = 10;
    /** After this many hung readers (each may keep a core busy) the run stops. */
    private static final int MAX_HANGS = 3;
    private static final int MAX_EXAMPLES_PER_KIND = 3;

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant MODIFIED = Instant.parse("2021-06-15T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZONE);

    private final CaptureReader reader = CaptureReaders.standard(new LocalFileAccess(), CLOCK);

    private record Sample(String name, String extension, byte[] bytes) {
    }

    private record Slow(long nanos, String where) {
    }

    @Test
    void mutatedHeadersNeverEscapeNorHang(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
        Integer only = Integer.getInteger("fuzz.case");
        List<Sample> samples = samples();
        List<String> extensions = samples.stream().map(Sample::extension).distinct().toList();
        int first = only == null ? 0 : only;
        int end = only == null ? cases : only + 1;
        System.out.printf(Locale.ROOT, "CaptureFuzzTest: seed %d, cases %d..%d over %d samples "
                        + "(-Dfuzz.seed=N -Dfuzz.cases=N; -Dfuzz.case=N reruns one case)%n",
                seed, first, end - 1, samples.size());

        MutantFiles files = new MutantFiles(dir);
        Worker worker = new Worker();
        Map<String, List<String>> failures = new LinkedHashMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int run = 0;
        int hangs = 0;
        long writeNanos = 0;
        long mutateNanos = 0;
        long readNanos = 0;
        PriorityQueue<Slow> slowest = new PriorityQueue<>(Comparator.comparingLong(Slow::nanos));
        long started = System.nanoTime();
        try {
            for (int c = first; c < end; c++) {
                Sample sample = samples.get(c % samples.size());
                long m0 = System.nanoTime();
                Mutator.Mutant mutant = new Mutator(new Random(caseSeed(seed, c)), extensions)
                        .mutate(sample.bytes(), sample.extension());
                long w0 = System.nanoTime();
                mutateNanos += w0 - m0;
                Path file = files.write(c % samples.size(), mutant, sample.bytes().length);
                writeNanos += System.nanoTime() - w0;
                String where = "seed " + seed + " case " + c + " sample " + sample.name() + " mutation ["
                        + mutant.description() + "]";
                long t0 = System.nanoTime();
                Future<CaptureReading> future = worker.submit(() -> reader.read(file, MODIFIED.toEpochMilli()));
                run++;
                try {
                    CaptureReading reading = future.get(PER_CASE_SECONDS, TimeUnit.SECONDS);
                    long took = System.nanoTime() - t0;
                    readNanos += took;
                    slowest.add(new Slow(took, where));
                    if (slowest.size() > 5) {
                        slowest.poll();
                    }
                    String broken = broken(reading);
                    if (broken != null) {
                        note(failures, "broken result: " + broken, where);
                    } else {
                        outcomes.merge(outcome(reading), 1, Integer::sum);
                    }
                } catch (TimeoutException e) {
                    note(failures, "hang: no answer within " + PER_CASE_SECONDS + " s", where + "\n"
                            + stack(worker.thread.getStackTrace()));
                    worker.abandon();
                    worker = new Worker();
                    if (++hangs >= MAX_HANGS) {
                        break;
                    }
                } catch (ExecutionException e) {
                    Throwable t = e.getCause();
                    note(failures, "escaped " + t.getClass().getName() + " at " + topFrame(t),
                            where + ": " + t + "\n" + stack(t.getStackTrace()));
                }
            }
        } finally {
            worker.abandon();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf(Locale.ROOT, "CaptureFuzzTest: %d cases in %d ms (%.2f ms/case; reading %d ms, mutating "
                        + "%d ms, writing %d ms, %d MB)%n", run, ms, run == 0 ? 0.0 : (double) ms / run,
                TimeUnit.NANOSECONDS.toMillis(readNanos), TimeUnit.NANOSECONDS.toMillis(mutateNanos),
                TimeUnit.NANOSECONDS.toMillis(writeNanos), files.written >> 20);
        slowest.stream().sorted(Comparator.comparingLong(Slow::nanos).reversed()).forEach(x -> System.out.printf(
                Locale.ROOT, "  slow: %.1f ms, %s%n", x.nanos() / 1e6, x.where()));
        outcomes.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %6d  %s%n", v, k));

        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder(failures.size() + " kinds of failure (seed " + seed
                    + "; rerun one with -Dfuzz.seed=" + seed + " -Dfuzz.case=N):\n");
            failures.forEach((kind, examples) -> {
                report.append("== ").append(kind).append('\n');
                examples.forEach(x -> report.append("  ").append(x.replace("\n", "\n    ")).append('\n'));
            });
            System.out.println(report);
            fail(report.toString());
        }
        assertEquals(end - first, run, "every case ran");
    }

    /** What is wrong with a reading the promise allows, or null when it keeps the promise. */
    private static String broken(CaptureReading r) {
        if (r == null) {
            return "null reading";
        }
        CaptureTime t = r.time();
        if (t == null) {
            return "null time";
        }
        if (r.camera() == null) {
            return "null camera";
        }
        if (t.local() == null || t.source() == null) {
            return "time without local or source: " + t;
        }
        if (t.fallback()) {
            if (r.problem() == null) {
                return "fallback without a problem: " + t;
            }
            if (!t.source().equals(CaptureTime.FALLBACK_SOURCE)
                    || !t.local().equals(LocalDateTime.ofInstant(MODIFIED, ZONE))) {
                return "fallback is not the modification time: " + t;
            }
        } else if (r.problem() != null) {
            return "a date from the file together with a problem: " + t + " / " + r.problem();
        }
        return null;
    }

    /** A coarse class of the outcome, for the summary. */
    private static String outcome(CaptureReading r) {
        if (!r.time().fallback()) {
            return "read a date" + (r.suspicious() ? " (suspicious)" : "");
        }
        String p = r.problem().replaceAll("'[^']*'", "'…'").replaceAll("\\d+", "N");
        int colon = p.indexOf(':');
        String head = colon < 0 ? p : p.substring(0, colon);
        String rest = colon < 0 ? "" : p.substring(colon + 1).strip();
        return "fallback: " + head + (rest.isEmpty() ? "" : ": " + (rest.length() > 60 ? rest.substring(0, 60) + "…" : rest));
    }

    private static void note(Map<String, List<String>> failures, String kind, String example) {
        List<String> examples = failures.computeIfAbsent(kind, k -> new ArrayList<>());
        if (examples.size() < MAX_EXAMPLES_PER_KIND) {
            examples.add(example);
        } else if (examples.size() == MAX_EXAMPLES_PER_KIND) {
            examples.add("(more cases of this kind left off)");
        }
    }

    private static String topFrame(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "?" : st[0].toString();
    }

    private static String stack(StackTraceElement[] st) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(st.length, 14); i++) {
            sb.append("at ").append(st[i]).append('\n');
        }
        return sb.toString().strip();
    }

    /** Every case has its own seed, so one case can be rerun alone and the cases do not depend on each other. */
    private static long caseSeed(long seed, int c) {
        long z = seed * 0x9E3779B97F4A7C15L + c;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static List<Sample> samples() throws IOException {
        List<Sample> out = new ArrayList<>();
        addFiles(Cards.samples(), out);
        assertEquals(29, out.size(), "the developer sample set");
        addFiles(Path.of("src/test/resources/capture"), out);
        assertEquals(32, out.size(), "the camera samples and the synthetic old-camera movies");
        return out;
    }

    private static void addFiles(Path dir, List<Sample> out) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("expected.tsv") || name.equals("README.md") || !Files.isRegularFile(p)) {
                    continue;
                }
                out.add(new Sample(name, name.substring(name.lastIndexOf('.') + 1), Files.readAllBytes(p)));
            }
        }
    }

    /**
     * A few reused files, one per sample and extension (and one more for mutants cut short); each write touches
     * only the bytes that differ from what the file already holds, so most mutants of a 2 MB JPEG cost a few
     * KiB of disk writes (those that insert or delete bytes rewrite the rest of the file).
     */
    private static final class MutantFiles {
        private final Path dir;
        private final Map<Path, byte[]> onDisk = new HashMap<>();
        long written;

        MutantFiles(Path dir) {
            this.dir = dir;
        }

        Path write(int sample, Mutator.Mutant mutant, int originalLength) throws IOException {
            // cut-short mutants get their own file, so the full-length one need not be rewritten after them
            String kind = mutant.bytes().length < originalLength / 2 ? "-short." : ".";
            Path file = dir.resolve("s" + sample + kind + mutant.extension());
            byte[] now = onDisk.get(file);
            byte[] want = mutant.bytes();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                int from = 0;
                int to = want.length;
                if (now != null) {
                    int common = Math.min(now.length, want.length);
                    int first = Arrays.mismatch(now, 0, common, want, 0, common);
                    from = first < 0 ? common : first;
                    if (now.length == want.length) {
                        while (to > from && now[to - 1] == want[to - 1]) {
                            to--; // mutations end in the header or the last 4 KiB: a short walk back
                        }
                    }
                }
                ByteBuffer buf = ByteBuffer.wrap(want, from, to - from);
                long pos = from;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.truncate(want.length);
                written += to - from;
            }
            onDisk.put(file, want);
            return file;
        }
    }

    /** One daemon reader thread; a hung one is abandoned (it cannot be stopped) and a new one started. */
    private static final class Worker {
        private final ExecutorService executor;
        volatile Thread thread;

        Worker() {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "capture-fuzz-reader");
                t.setDaemon(true);
                thread = t;
                return t;
            });
        }

        Future<CaptureReading> submit(java.util.concurrent.Callable<CaptureReading> task) {
            return executor.submit(task);
        }

        void abandon() {
            executor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void everyKindOfBadInputFallsBackWithAReason(@TempDir Path dir) throws IOException {
        CaptureReader standard = CaptureReaders.standard(new LocalFileAccess(), Clock.systemDefaultZone());
        long mtime = MODIFIED.toEpochMilli();
        Path samples = Cards.samples();

        // a zero-byte file
        assertFallsBack(standard, Files.write(dir.resolve("empty.jpg"), new byte[0]), mtime);

        // a JPEG named as a RAW: read by its content (the NEF sample is such a file, and so is a renamed JPEG)
        CaptureReading nef = standard.read(samples.resolve("nikon_d70s_Issue_247-2.nef"), mtime);
        assertFalse(nef.time().fallback(), "a JPEG named .nef: " + nef.problem());
        assertEquals(LocalDateTime.parse("2010-03-01T21:50:40"), nef.time().local().truncatedTo(ChronoUnit.SECONDS));
        Path renamed = Files.copy(samples.resolve("google_pixel8pro_Google.jpg"), dir.resolve("pixel.nef"));
        CaptureReading pixel = standard.read(renamed, mtime);
        assertFalse(pixel.time().fallback(), "a JPEG renamed .nef: " + pixel.problem());
        assertEquals(LocalDateTime.parse("2023-10-06T22:53:51.724"), pixel.time().local());

        // text named as a RAW
        assertFallsBack(standard, Files.writeString(dir.resolve("notes.cr2"),
                "This is not a raw file, just some notes.\n".repeat(40)), mtime);

        // a truncated CR3: the moov box claims more than the file holds
        assertFallsBack(standard, Files.write(dir.resolve("cut.cr3"),
                Arrays.copyOf(Files.readAllBytes(samples.resolve("canon_eosm50_CanonRaw.cr3")), 100)), mtime);

        // random bytes named as a video
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        assertFallsBack(standard, Files.write(dir.resolve("noise.mov"), noise), mtime);

        // unreadable: a file that is not there, a folder
        assertFallsBack(standard, dir.resolve("gone.jpg"), mtime);
        assertFallsBack(standard, Files.createDirectory(dir.resolve("folder.jpg")), mtime);

        // impossible and implausible dates in DateTimeOriginal
        assertFallsBack(standard, withDateTimeOriginal(dir, "9999:99:99 99:99:99"), mtime);

        CaptureReading future = standard.read(withDateTimeOriginal(dir, "2099:01:01 00:00:00"), mtime);
        assertFalse(future.time().fallback(), "a plausible-looking date is the file's own: " + future.problem());
        assertEquals(LocalDateTime.parse("2099-01-01T00:00:00"), future.time().local());
        assertTrue(future.suspicious(), "a date after tomorrow is suspicious");
        assertNull(future.problem());

        CaptureReading epoch = standard.read(withDateTimeOriginal(dir, "1970:01:01 00:00:00"), mtime);
        assertFalse(epoch.time().fallback(), "1970 is a date, if a wrong one: " + epoch.problem());
        assertEquals(LocalDateTime.parse("1970-01-01T00:00:00"), epoch.time().local());
        assertTrue(epoch.suspicious(), "a date before 1980 is suspicious");
    }

    private static void assertFallsBack(CaptureReader reader, Path file, long mtime) {
        CaptureReading r = reader.read(file, mtime);
        assertNotNull(r, file.toString());
        assertNotNull(r.time(), file.toString());
        assertTrue(r.time().fallback(), file.getFileName() + " should fall back, read " + r.time());
        assertEquals(CaptureTime.FALLBACK_SOURCE, r.time().source());
        assertEquals(Instant.ofEpochMilli(mtime), r.time().instant(), "the fallback is the modification time");
        assertNotNull(r.problem(), file.getFileName() + " fell back without a reason");
        assertFalse(r.suspicious(), "a fallback is not flagged as a suspicious camera clock");
    }

    /**
     * A copy of the 350D CR2 with {@code date} written over its Exif DateTimeOriginal (found by walking IFD0 to
     * the Exif IFD, checked to hold "2005:08:03 18:59:18").
     */
    private static Path withDateTimeOriginal(Path dir, String date) throws IOException {
        byte[] cr2 = Files.readAllBytes(Cards.samples().resolve("canon_eos350d_CanonRaw.cr2"));
        int at = dateTimeOriginalOffset(cr2);
        byte[] original = "2005:08:03 18:59:18".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(original, Arrays.copyOfRange(cr2, at, at + original.length), "DateTimeOriginal found");
        byte[] replacement = date.getBytes(StandardCharsets.US_ASCII);
        assertEquals(original.length, replacement.length);
        System.arraycopy(replacement, 0, cr2, at, replacement.length);
        return Files.write(dir.resolve("date-" + date.replaceAll("\\D", "") + ".cr2"), cr2);
    }

    /** Where the value of tag 0x9003 in the Exif IFD (pointer 0x8769 in IFD0) sits in a TIFF file. */
    private static int dateTimeOriginalOffset(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int exif = tagValue(b, b.getInt(4), 0x8769);
        return tagValue(b, exif, 0x9003);
    }

    private static int tagValue(ByteBuffer b, int ifd, int tag) {
        int count = b.getShort(ifd) & 0xffff;
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            if ((b.getShort(e) & 0xffff) == tag) {
                return b.getInt(e + 8);
            }
        }
        throw new AssertionError(String.format("tag 0x%04X not in the IFD at %d", tag, ifd));
    }
}
