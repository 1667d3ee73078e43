package app.triplicate.files;

import app.triplicate.core.VerifyMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reading back with several direct requests in flight and reused buffers gives, for every size around the
 * request's and the block's boundaries, the hash of the bytes read in one go, and reports every byte once.
 */
class ReadBackTest {

    private static final int MIB = ReadBack.DIRECT_CHUNK;

    @Test
    void hashesEverySizeAroundTheBoundariesAsInOneGo(@TempDir Path dir) throws Exception {
        ReadBack readBack = new ReadBack(new LocalFileAccess());
        long[] sizes = {0, 1, 4095, 4096, 4097, MIB - 1, MIB, MIB + 1, MIB + 4096, 3L * MIB, 3L * MIB + 7,
                (long) ReadBack.DEPTH * MIB, (long) ReadBack.DEPTH * MIB + 1, 9L * MIB + 12345};
        Random random = new Random(42);
        for (long size : sizes) {
            byte[] bytes = new byte[(int) size];
            random.nextBytes(bytes);
            Path file = Files.write(dir.resolve("f" + size), bytes);
            AtomicLong told = new AtomicLong();
            ReadBack.Result r = readBack.hash(file, "test", told::addAndGet);
            assertEquals(new Xxh128Hasher().update(bytes, 0, bytes.length).finish(), r.hash(), "size " + size);
            assertEquals(size, r.size());
            assertEquals(size, told.get(), "progress for size " + size);
        }
    }

    @Test
    void oneReaderServesSeveralThreadsAtOnce(@TempDir Path dir) throws Exception {
        ReadBack readBack = new ReadBack(new LocalFileAccess());
        Random random = new Random(7);
        List<Path> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[MIB * (i % 4) + random.nextInt(MIB)];
            random.nextBytes(bytes);
            files.add(Files.write(dir.resolve("f" + i), bytes));
            contents.add(bytes);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<ReadBack.Result>> results = new ArrayList<>();
            for (Path f : files) {
                results.add(pool.submit(() -> readBack.hash(f, "test", n -> { })));
            }
            for (int i = 0; i < files.size(); i++) {
                byte[] b = contents.get(i);
                assertEquals(new Xxh128Hasher().update(b, 0, b.length).finish(), results.get(i).get().hash());
            }
        }
    }

    @Test
    void readsFromTheDeviceWhereTheFileSystemAllows(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[3 * MIB + 5]);
        VerifyMethod method = new ReadBack(new LocalFileAccess()).hash(file, "test", n -> { }).method();
        boolean direct;
        try (var ch = new LocalFileAccess().openDirectRead(file)) {
            direct = true;
        } catch (Exception e) {
            direct = false;
        }
        assertEquals(direct ? VerifyMethod.DIRECT_READ : VerifyMethod.CACHED_READ, method);
    }
}
