package app.triplicate.testing;

import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The real file system with faults a test chooses: tests run as root, which ignores permissions, so an
 * unreadable card file, a read-only or full drive and a refused file name are simulated here, failing the
 * chosen calls with the exceptions the JDK throws for the real errno. Every rule returns a {@link Fault}
 * that counts how often it fired, so a test can prove its fault really happened.
 */
public final class FaultyFileAccess implements FileAccess {

    /** The calls of {@link FileAccess}, for hooks and the call log. */
    public enum Op { OPEN_READ, OPEN_DIRECT_READ, CREATE_NEW, CREATE_DIRECTORIES, MOVE, SYNC_DIRECTORY, DELETE, FORCE }

    /** One call made through this layer, in order. */
    public record Call(Op op, Path path, Thread thread) {
    }

    /** A rule a test added; {@link #fired()} says how many calls it failed (or, for a hook, ran before). */
    public static final class Fault {
        private final String description;
        private final AtomicInteger fired = new AtomicInteger();

        private Fault(String description) {
            this.description = description;
        }

        public int fired() {
            return fired.get();
        }

        private void fire() {
            fired.incrementAndGet();
        }

        @Override
        public String toString() {
            return description + " (fired " + fired() + " times)";
        }
    }

    private final FileAccess real = new LocalFileAccess();
    private final List<ReadRule> readRules = new CopyOnWriteArrayList<>();
    private final List<CreateRule> createRules = new CopyOnWriteArrayList<>();
    private final List<WriteBudget> writeBudgets = new CopyOnWriteArrayList<>();
    private final List<NameRule> nameRules = new CopyOnWriteArrayList<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    // ---- the errors the JDK raises for the real errno values ----

    /** EACCES. */
    public static Function<Path, IOException> accessDenied() {
        return p -> new AccessDeniedException(p.toString());
    }

    /** EROFS. */
    public static Function<Path, IOException> readOnlyFileSystem() {
        return p -> new FileSystemException(p.toString(), null, "Read-only file system");
    }

    /** EIO, as a dying card or a pulled cable gives it from read(2) or write(2). */
    public static Function<Path, IOException> inputOutputError() {
        return p -> new IOException("Input/output error");
    }

    /** ENOSPC from write(2): FileChannel.write throws a plain IOException with the strerror text. */
    public static Function<Path, IOException> noSpaceLeft() {
        return p -> new IOException("No space left on device");
    }

    /** ENAMETOOLONG. */
    public static Function<Path, IOException> fileNameTooLong() {
        return p -> new FileSystemException(p.toString(), null, "File name too long");
    }

    /** EINVAL, what vfat answers for a name with a character it cannot hold. */
    public static Function<Path, IOException> invalidArgument() {
        return p -> new FileSystemException(p.toString(), null, "Invalid argument");
    }

    // ---- rules ----

    /** Opening a file that matches fails at once (an unreadable file). */
    public Fault failReadsOf(Predicate<Path> which, Function<Path, IOException> error) {
        return failReadsOf(which, 0, error);
    }

    /**
     * Reading a file that matches fails once {@code afterBytes} were read from it (a bad sector in the middle
     * of a card file); with 0 the open itself fails.
     */
    public Fault failReadsOf(Predicate<Path> which, long afterBytes, Function<Path, IOException> error) {
        Fault f = new Fault("read of matching files fails after " + afterBytes + " bytes");
        readRules.add(new ReadRule(which, afterBytes, error, f));
        return f;
    }

    /**
     * Everything that would change the file system under {@code dir} fails (a read-only drive): creating a
     * file or a missing folder, renaming into or out of it, deleting something that exists. Reads still work.
     */
    public Fault failCreateUnder(Path dir, Function<Path, IOException> error) {
        Fault f = new Fault("changes under " + dir + " fail");
        createRules.add(new CreateRule(normalize(dir), error, f));
        return f;
    }

    /**
     * Files written under {@code dir} share {@code n} bytes of room: the write that reaches it is short, the
     * next one fails (a drive filling up). Deleting files does not give the room back.
     */
    public Fault failWritesAfterBytes(Path dir, long n, Function<Path, IOException> error) {
        Fault f = new Fault("writes under " + dir + " fail after " + n + " bytes");
        writeBudgets.add(new WriteBudget(normalize(dir), n, error, f));
        return f;
    }

    /**
     * Creating an entry under {@code dir} whose name matches fails (a file system that cannot hold the name):
     * applies to new files, new folders and the target of a rename.
     */
    public Fault refuseNames(Path dir, Predicate<String> name, Function<Path, IOException> error) {
        Fault f = new Fault("names under " + dir + " refused");
        nameRules.add(new NameRule(normalize(dir), name, error, f));
        return f;
    }

    /**
     * Refuses under {@code dir} the names a FAT or exFAT drive mounted on Linux refuses: reserved or control
     * characters and a trailing dot or space give "Invalid argument", more than 255 UTF-16 units "File name
     * too long".
     */
    public Fault fatNames(Path dir) {
        Fault f = new Fault("FAT names under " + dir);
        Predicate<String> invalid = n -> n.chars().anyMatch(c -> c < 0x20 || c == 0x7f || "<>:\"\\|?*".indexOf(c) >= 0)
                || n.endsWith(".") || n.endsWith(" ");
        nameRules.add(new NameRule(normalize(dir), invalid, invalidArgument(), f));
        nameRules.add(new NameRule(normalize(dir), n -> n.length() > 255, fileNameTooLong(), f));
        return f;
    }

    /**
     * Runs {@code action} once, before the first call of {@code op} on a path under {@code under} that
     * {@code when} accepts; the call then goes ahead (and meets whatever the action left).
     */
    public Fault beforeOnce(Op op, Path under, Predicate<Path> when, Runnable action) {
        Fault f = new Fault("hook before " + op + " under " + under);
        hooks.add(new Hook(op, normalize(under), when, action, f));
        return f;
    }

    /** Every call made through this layer so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many calls of {@code op} were made on paths under {@code dir}. */
    public long calls(Op op, Path dir) {
        Path d = normalize(dir);
        return calls.stream().filter(c -> c.op() == op && normalize(c.path()).startsWith(d)).count();
    }

    // ---- FileAccess ----

    @Override
    public FileChannel openRead(Path file) throws IOException {
        enter(Op.OPEN_READ, file);
        ReadRule rule = readRule(file);
        FileChannel ch = real.openRead(file);
        return rule == null ? ch : new FaultyChannel(ch, file, rule, null, () -> { });
    }

    @Override
    public FileChannel openDirectRead(Path file) throws IOException {
        enter(Op.OPEN_DIRECT_READ, file);
        ReadRule rule = readRule(file);
        FileChannel ch = real.openDirectRead(file);
        return rule == null ? ch : new FaultyChannel(ch, file, rule, null, () -> { });
    }

    @Override
    public FileChannel createNew(Path file) throws IOException {
        enter(Op.CREATE_NEW, file);
        checkCreate(file);
        checkName(file);
        FileChannel ch = real.createNew(file);
        // always wrapped, so that a force(true) on a file written here is in the call log
        return new FaultyChannel(ch, file, null, writeBudget(file), () -> calls.add(new Call(Op.FORCE, file, Thread.currentThread())));
    }

    @Override
    public void createDirectories(Path root, Path dir) throws IOException {
        enter(Op.CREATE_DIRECTORIES, dir);
        // like Files.createDirectories: only the missing folders are created, so only they can be refused
        Path abs = normalize(dir);
        Path first = abs;
        while (first.getParent() != null && !Files.isDirectory(first.getParent())) {
            first = first.getParent();
        }
        if (!Files.isDirectory(abs)) {
            checkCreate(first);
            for (Path p = abs; p != null && p.startsWith(first); p = p.getParent()) {
                checkName(p);
            }
        }
        real.createDirectories(root, dir);
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
        enter(Op.MOVE, to);
        checkCreate(from);
        checkCreate(to);
        checkName(to);
        real.moveAtomically(from, to);
    }

    @Override
    public void replaceAtomically(Path from, Path to) throws IOException {
        enter(Op.MOVE, to);
        checkCreate(from);
        checkCreate(to);
        checkName(to);
        real.replaceAtomically(from, to);
    }

    @Override
    public void syncDirectory(Path dir) {
        try {
            enter(Op.SYNC_DIRECTORY, dir);
        } catch (IOException e) {
            // hooks do not throw; the real call swallows refusals too
        }
        real.syncDirectory(dir);
    }

    @Override
    public boolean deleteIfExists(Path file) throws IOException {
        enter(Op.DELETE, file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            checkCreate(file);
        }
        return real.deleteIfExists(file);
    }

    // ---- rule matching ----

    private void enter(Op op, Path path) throws IOException {
        calls.add(new Call(op, path, Thread.currentThread()));
        Path p = normalize(path);
        for (Hook h : hooks) {
            if (h.op == op && p.startsWith(h.under) && h.when.test(p) && h.done.compareAndSet(false, true)) {
                h.fault.fire();
                h.action.run();
            }
        }
    }

    private ReadRule readRule(Path file) throws IOException {
        for (ReadRule r : readRules) {
            if (r.which.test(normalize(file))) {
                if (r.afterBytes <= 0) {
                    r.fault.fire();
                    throw r.error.apply(file);
                }
                return r;
            }
        }
        return null;
    }

    private void checkCreate(Path path) throws IOException {
        Path p = normalize(path);
        for (CreateRule r : createRules) {
            if (p.startsWith(r.dir)) {
                r.fault.fire();
                throw r.error.apply(path);
            }
        }
    }

    private void checkName(Path path) throws IOException {
        Path p = normalize(path);
        if (p.getFileName() == null) {
            return;
        }
        String name = p.getFileName().toString();
        for (NameRule r : nameRules) {
            if (p.startsWith(r.dir) && !p.equals(r.dir) && r.name.test(name)) {
                r.fault.fire();
                throw r.error.apply(path);
            }
        }
    }

    private WriteBudget writeBudget(Path file) {
        Path p = normalize(file);
        return writeBudgets.stream().filter(b -> p.startsWith(b.dir)).findFirst().orElse(null);
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private record ReadRule(Predicate<Path> which, long afterBytes, Function<Path, IOException> error, Fault fault) {
    }

    private record CreateRule(Path dir, Function<Path, IOException> error, Fault fault) {
    }

    private record NameRule(Path dir, Predicate<String> name, Function<Path, IOException> error, Fault fault) {
    }

    private record Hook(Op op, Path under, Predicate<Path> when, Runnable action, Fault fault, AtomicBoolean done) {
        Hook(Op op, Path under, Predicate<Path> when, Runnable action, Fault fault) {
            this(op, under, when, action, fault, new AtomicBoolean());
        }
    }

    /** Room left on a simulated drive, shared by every file written there. */
    private static final class WriteBudget {
        final Path dir;
        final Function<Path, IOException> error;
        final Fault fault;
        long left;

        WriteBudget(Path dir, long left, Function<Path, IOException> error, Fault fault) {
            this.dir = dir;
            this.left = left;
            this.error = error;
            this.fault = fault;
        }

        /** How many of {@code wanted} bytes fit; throws when none do. */
        synchronized int take(int wanted, Path file) throws IOException {
            if (wanted == 0) {
                return 0;
            }
            if (left <= 0) {
                fault.fire();
                throw error.apply(file);
            }
            int n = (int) Math.min(wanted, left);
            left -= n;
            return n;
        }

        synchronized void giveBack(int n) {
            left += n;
        }
    }

    /**
     * A real channel that fails reads after a number of bytes or writes beyond a budget. Everything else is
     * the real channel's.
     */
    private static final class FaultyChannel extends FileChannel {
        private final FileChannel ch;
        private final Path file;
        private final ReadRule readRule;
        private final WriteBudget budget;
        private final Runnable onForce;

        FaultyChannel(FileChannel ch, Path file, ReadRule readRule, WriteBudget budget, Runnable onForce) {
            this.ch = ch;
            this.onForce = onForce;
            this.file = file;
            this.readRule = readRule;
            this.budget = budget;
        }

        /** Limits a read starting at {@code position} so it stops where the fault is; throws when it is there. */
        private ByteBuffer readable(ByteBuffer dst, long position) throws IOException {
            if (readRule == null) {
                return dst;
            }
            long room = readRule.afterBytes - position;
            if (room <= 0 && dst.hasRemaining()) {
                readRule.fault.fire();
                throw readRule.error.apply(file);
            }
            if (dst.remaining() > room) {
                return dst.slice().limit((int) room);
            }
            return dst;
        }

        private int read(ByteBuffer dst, long position, boolean positional) throws IOException {
            ByteBuffer target = readable(dst, position);
            int n = positional ? ch.read(target, position) : ch.read(target);
            if (target != dst && n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }

        private int write(ByteBuffer src, long position, boolean positional) throws IOException {
            if (budget == null) {
                return positional ? ch.write(src, position) : ch.write(src);
            }
            int n = budget.take(src.remaining(), file);
            ByteBuffer part = src.slice().limit(n);
            int written = positional ? ch.write(part, position) : ch.write(part);
            budget.giveBack(n - written);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return read(dst, ch.position(), false);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                if (!dsts[i].hasRemaining()) {
                    continue;
                }
                int n = read(dsts[i]);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
                if (dsts[i].hasRemaining()) {
                    break;
                }
            }
            return total;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return write(src, 0, false);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                if (!srcs[i].hasRemaining()) {
                    continue;
                }
                total += write(srcs[i]);
                if (srcs[i].hasRemaining()) {
                    break;
                }
            }
            return total;
        }

        @Override
        public long position() throws IOException {
            return ch.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            ch.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            ch.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            ch.force(metaData);
            if (metaData) {
                onForce.run();
            }
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            // through read() so that a read fault is not bypassed
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            long done = 0;
            while (done < count) {
                buf.clear().limit((int) Math.min(buf.capacity(), count - done));
                int n = read(buf, position + done);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    target.write(buf);
                }
                done += n;
            }
            return done;
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            // through write() so that the budget is not bypassed
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            long done = 0;
            while (done < count) {
                buf.clear().limit((int) Math.min(buf.capacity(), count - done));
                int n = src.read(buf);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    done += write(buf, position + done);
                }
            }
            return done;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return read(dst, position, true);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return write(src, position, true);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException("a mapped buffer would bypass the injected faults");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return ch.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return ch.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            ch.close();
        }
    }
}
