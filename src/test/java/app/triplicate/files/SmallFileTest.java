package app.triplicate.files;

import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsStore;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.FaultyFileAccess.Call;
import app.triplicate.testing.FaultyFileAccess.Fault;
import app.triplicate.testing.FaultyFileAccess.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one way small files are written (settings, remote settings, known hosts, the secret, drive markers):
 * each writer has its own temporary name, the bytes are forced before the rename, the folder is synced after
 * it, and a failure leaves the old file and no temporary file behind.
 */
class SmallFileTest {
    @TempDir
    Path tmp;

    @Test
    void twoWritersOfTheSameFileLeaveOneWholeFile() throws Exception {
        Path file = tmp.resolve("config/state.bin");
        byte[] a = new byte[200_000];
        byte[] b = new byte[150_000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        AtomicBoolean torn = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] bytes : List.of(a, b)) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 150; i++) {
                        SmallFile.write(file, bytes);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (writers.stream().anyMatch(w -> !w.isDone())) {
                    if (Files.exists(file)) {
                        byte[] seen = Files.readAllBytes(file);
                        if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                            torn.set(true);
                        }
                    }
                }
                return null;
            });
            start.countDown();
            for (Future<?> w : writers) {
                w.get(); // a writer that met the other's temporary file fails here
            }
            reader.get();
        }
        assertTrue(!torn.get(), "a reader saw a file that was neither writer's whole file");
        byte[] last = Files.readAllBytes(file);
        assertTrue(Arrays.equals(last, a) || Arrays.equals(last, b));
        assertEquals(List.of(file), filesIn(file.getParent()), "no temporary file is left");
    }

    @Test
    void twoSettingsWritersNeverShareATemporaryName() throws Exception {
        Path file = tmp.resolve("config/settings.json");
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int copies : List.of(2, 3)) {
                writers.add(pool.submit(() -> {
                    SettingsStore store = new SettingsStore(file, "test");
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        store.save(Settings.defaults().withPolicy(new app.triplicate.core.CopyPolicy(copies, 0, copies)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : writers) {
                w.get();
            }
        }
        int copies = new SettingsStore(file, "test").load().targetCopies();
        assertTrue(copies == 2 || copies == 3, "one writer's whole settings: " + copies);
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    @Test
    void forcesTheBytesBeforeTheRenameAndSyncsTheFolderAfter() throws IOException {
        FaultyFileAccess faulty = new FaultyFileAccess();
        Path file = tmp.resolve("drive/.triplicate/drive.json");
        new SmallFile(faulty).replace(file, "{\"uuid\":1}".getBytes(StandardCharsets.UTF_8), t -> { });

        List<Op> order = faulty.calls().stream().map(Call::op).toList();
        assertEquals(List.of(Op.CREATE_NEW, Op.FORCE, Op.MOVE, Op.SYNC_DIRECTORY), order, faulty.calls().toString());
        Call force = faulty.calls().get(1);
        assertEquals(faulty.calls().get(0).path(), force.path(), "the temporary file itself is forced");
        assertTrue(force.path().getFileName().toString().endsWith(SmallFile.TEMP_SUFFIX), force.path().toString());
        assertEquals(file.getParent(), faulty.calls().get(3).path());
        assertEquals("{\"uuid\":1}", Files.readString(file));
    }

    @Test
    void aFullDriveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("config/remote.json");
        SmallFile.write(file, "old".getBytes(StandardCharsets.UTF_8));
        FaultyFileAccess faulty = new FaultyFileAccess();
        Fault full = faulty.failWritesAfterBytes(file.getParent(), 10, FaultyFileAccess.noSpaceLeft());

        IOException e = assertThrows(IOException.class, () -> new SmallFile(faulty).replace(file,
                "a new version much longer than ten bytes".getBytes(StandardCharsets.UTF_8), t -> { }));

        assertTrue(full.fired() > 0, "the write fault never happened: " + full);
        assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    @Test
    void aRefusedRenameLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = tmp.resolve("config/known_hosts");
        SmallFile.write(file, "old".getBytes(StandardCharsets.UTF_8));
        FaultyFileAccess faulty = new FaultyFileAccess();
        Fault refused = faulty.refuseNames(file.getParent(), n -> n.equals("known_hosts"), FaultyFileAccess.inputOutputError());

        assertThrows(IOException.class, () -> new SmallFile(faulty).replace(file, "new".getBytes(StandardCharsets.UTF_8), t -> { }));

        assertTrue(refused.fired() > 0, "the rename fault never happened: " + refused);
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), filesIn(file.getParent()));
    }

    @Test
    void thePreparationRunsOnTheEmptyTemporaryFileBeforeAnyByte() throws IOException {
        Path file = tmp.resolve("config/secrets/remote");
        long[] sizeWhenPrepared = {-1};
        SmallFile.write(file, "s3cr3t".getBytes(StandardCharsets.UTF_8), t -> {
            sizeWhenPrepared[0] = Files.size(t);
            if (Files.getFileStore(t).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-------"));
            }
        });
        assertEquals(0, sizeWhenPrepared[0]);
        assertArrayEquals("s3cr3t".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void createIfAbsentWritesAnOwnerOnlyFileOnceAndNeverReplacesIt() throws Exception {
        Path secret = tmp.resolve("data/catalog.secret");
        assertTrue(SmallFile.createIfAbsent(secret, "first".getBytes(StandardCharsets.UTF_8), SmallFile.OWNER_ONLY));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        org.junit.jupiter.api.Assertions.assertFalse(
                SmallFile.createIfAbsent(secret, "second".getBytes(StandardCharsets.UTF_8), SmallFile.OWNER_ONLY),
                "a file already there is not replaced");
        assertEquals("first", Files.readString(secret));
        try (var left = Files.list(secret.getParent())) {
            assertEquals(List.of(secret), left.toList(), "no temporary file is left");
        }
    }
}
