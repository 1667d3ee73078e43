package app.triplicate.fault;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one line per {@link FaultCase} to {@code target/fault-suite/<case>.tsv}: case, runs (how many faults the
 * case injected, as the test reports with {@link #runs}), failures, what it asserts. A case that throws counts as
 * failed. {@code scripts/reliability-report.sh} turns these files into {@code docs/reliability.md}, so the report
 * comes from the run itself.
 */
public final class FaultRecorder implements BeforeTestExecutionCallback, AfterTestExecutionCallback, TestWatcher {
    static final Path DIR = Path.of("target", "fault-suite");

    // keyed by case name: @Timeout(SEPARATE_THREAD) runs the test body on another thread than these callbacks
    private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> FAILED_RUNS = new ConcurrentHashMap<>();
    private static final Map<String, Long> STARTED = new ConcurrentHashMap<>();

    /** The case injected its fault {@code n} times (default 1). */
    public static void runs(String caseName, int n) {
        RUNS.put(caseName, n);
    }

    /** Of its runs, {@code n} failed (the test still fails as a whole; this says how many runs did). */
    public static void failedRuns(String caseName, int n) {
        FAILED_RUNS.put(caseName, n);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        FaultCase c = context.getRequiredTestMethod().getAnnotation(FaultCase.class);
        if (c != null) {
            RUNS.remove(c.name());
            FAILED_RUNS.remove(c.name());
            STARTED.put(c.name(), System.nanoTime());
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        FaultCase c = context.getRequiredTestMethod().getAnnotation(FaultCase.class);
        if (c == null) {
            return;
        }
        int runs = RUNS.getOrDefault(c.name(), 1);
        int failures = context.getExecutionException().isPresent()
                ? Math.max(1, FAILED_RUNS.getOrDefault(c.name(), 1)) : 0;
        double seconds = (System.nanoTime() - STARTED.getOrDefault(c.name(), System.nanoTime())) / 1e9;
        write(c, context, Integer.toString(runs), Integer.toString(failures), String.format(java.util.Locale.ROOT,
                "%.1f", seconds), "");
    }

    /** A case switched off is listed too, with its reason (a defect left to fix), so the report cannot hide it. */
    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        FaultCase c = context.getRequiredTestMethod().getAnnotation(FaultCase.class);
        if (c != null) {
            write(c, context, "0", "0", "0", "disabled: " + reason.orElse("no reason given"));
        }
    }

    /** Columns: case, runs, failures, what it asserts, test class, seconds, note. */
    private static void write(FaultCase c, ExtensionContext context, String runs, String failures, String seconds,
                              String note) {
        String line = String.join("\t", c.name(), runs, failures, flat(c.asserts()),
                context.getRequiredTestClass().getSimpleName(), seconds, flat(note)) + "\n";
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(c.name() + ".tsv"), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String flat(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
