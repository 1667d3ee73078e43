package app.triplicate.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the command line in a separate JVM (for crash and lock tests), with the test's class path. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Path home, String... args) throws IOException {
        return builder(home, args).start();
    }

    /**
     * As {@link #start}, with Ctrl-C (SIGINT) reaching the child whatever started the tests: a process started in
     * the background by a non-interactive shell inherits SIGINT ignored, and a JVM started so never sees it. On
     * Linux, coreutils' {@code env --default-signal=INT} gives the child the default disposition back.
     */
    public static Process startForCtrlC(Path home, String... args) throws IOException {
        ProcessBuilder pb = builder(home, args);
        if (DEFAULT_SIGINT) {
            List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
            cmd.addAll(pb.command());
            pb.command(cmd);
        }
        return pb.start();
    }

    private static final boolean DEFAULT_SIGINT = envResetsSignals();

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no such env here (not Linux): the tests' own disposition is what the child gets
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** As {@link #start}, with no desktop session to open a window on (neither X11 nor Wayland). */
    public static Process startWithoutDisplay(Path home, String... args) throws IOException {
        ProcessBuilder pb = builder(home, args);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        return pb.start();
    }

    /**
     * Runs {@code main}'s {@code main(String[])} in a JVM of its own, with the test's class path and the given JVM
     * options (e.g. {@code -Xmx128m} to prove that something works in a small heap). Standard error goes to
     * standard output.
     */
    public static Process startMain(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dlogback.configurationFile=logback-test.xml");
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static ProcessBuilder builder(Path home, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dlogback.configurationFile=logback-test.xml");
        cmd.add("app.triplicate.Triplicate");
        cmd.add("--home");
        cmd.add(home.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("TRIPLICATE_HOME");
        return pb;
    }
}
