package app.triplicate.fault;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one line per {@link FaultCase} to {@code target/fault-suite/<case>.tsv}: case, runs (how many faults the
 * case injected, as the test reports with {@link #runs}), failures, what it asserts. A case that throws counts as
 * failed. {@code scripts/reliability-report.sh} turns these files into {@code docs/reliability.md}, so the report
 * comes from the run itself.
 */
public final class FaultRecorder implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    static final Path DIR = Path.of("target", "fault-suite");

    // keyed by case name: @Timeout(SEPARATE_THREAD) runs the test body on another thread than these callbacks
    private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> FAILED_RUNS = new ConcurrentHashMap<>();

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
        String line = String.join("\t", c.name(), Integer.toString(runs), Integer.toString(failures),
                c.asserts().replace('\t', ' ').replace('\n', ' '),
                context.getRequiredTestClass().getSimpleName()) + "\n";
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(c.name() + ".tsv"), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
