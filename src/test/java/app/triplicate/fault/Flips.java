package app.triplicate.fault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Random;

/** Bit rot for tests: one byte of a copy changed in place, its modification time kept (as a failing disk does). */
final class Flips {
    private Flips() {
    }

    /** Changes the byte at a seeded offset to another value; returns the offset. */
    static long flip(Path file, Random rnd) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        long at = (long) (rnd.nextDouble() * size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.flip();
            byte old = b.get(0);
            byte now = (byte) (old ^ (1 + rnd.nextInt(255)));
            ch.write(ByteBuffer.wrap(new byte[]{now}), at);
        }
        Files.setLastModifiedTime(file, time);
        return at;
    }
}
