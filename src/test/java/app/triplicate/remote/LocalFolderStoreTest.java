package app.triplicate.remote;

import app.triplicate.progress.Cancellation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract for a folder as the remote. It has no server: "stopping" it takes the folder away (an
 * unmounted share, an unplugged drive), and the mid-upload interruption is a crash at that point.
 */
class LocalFolderStoreTest extends RemoteStoreContract {

    private Path base;
    private Path away;

    /** Stands for the process dying half way: nothing after the throw runs. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash half way through the upload");
        }
    }

    @Override
    protected RemoteStore newStore() throws IOException {
        base = Files.createDirectories(sources.resolve("remote folder"));
        away = sources.resolve("remote folder (unmounted)");
        return new LocalFolderStore(base);
    }

    @Override
    protected void stopServer() throws IOException {
        Files.move(base, away, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    protected void startServer() throws IOException {
        Files.move(away, base, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    protected void interruptUpload() {
        throw new SimulatedCrash();
    }

    @Override
    protected void endInterruption() {
    }

    @Override
    protected void assertInterrupted(Throwable thrown) {
        assertInstanceOf(SimulatedCrash.class, thrown);
    }

    @Override
    protected void damage(String key) throws IOException {
        Path file = base.resolve(key);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    @Override
    protected Optional<byte[]> rawObject(String key) throws IOException {
        Path file = base.resolve(key);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Test
    void testLeavesNothingBehind() throws Exception {
        store().test();

        try (Stream<Path> left = Files.list(base)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void objectsAreFilesAtTheirLibraryPath() throws Exception {
        Source s = source("x.bin", 4096, 40);

        store().upload(UNUSUAL_KEY, s.path(), s.xxh(), s.size(), n -> { }, new Cancellation());

        assertTrue(Files.isRegularFile(base.resolve("2026").resolve("2026-11-14 Hochzeit Müller")
                .resolve("IMG 0001 ü.CR3")));
        try (Stream<Path> all = Files.walk(base)) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".triplicate-part")).toList(),
                    "no part file is left after a finished upload");
        }
    }

    @Test
    void aMissingFolderSaysWhatToDo() throws Exception {
        RemoteStore store = new LocalFolderStore(sources.resolve("not mounted"));

        RemoteException e = assertThrows(RemoteException.class, store::test);

        assertEquals(RemoteException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("not mounted") && e.getMessage().contains("mount"), e.getMessage());
    }
}
