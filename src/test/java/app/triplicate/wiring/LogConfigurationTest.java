package app.triplicate.wiring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log file lands in the home's log folder even when logging was configured before that folder was known, as it
 * is when the command line or the window creates its first logger before {@link Logging#init} (the file used to be
 * opened then, in the temporary folder, for the whole run). Triplicate's own configuration, on a context of its own.
 */
class LogConfigurationTest {
    @TempDir
    Path tmp;

    /** A context of its own, as logback's provider makes the process's one. */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }

    @Test
    void theFileOpensAtTheFirstLineInTheFolderNamedByThen() throws Exception {
        LoggerContext context = context();
        try {
            LogConfiguration.apply(context, null);
            Path logDir = tmp.resolve("home/logs");
            // what Logging.init does for the process (here on this context only, not the test JVM's properties)
            context.putProperty(LogConfiguration.LOG_DIR, logDir.toString());
            assertFalse(Files.exists(logDir), "no file before the first line");

            context.getLogger("app.triplicate.test").info("first line of the run");
            context.getLogger("app.triplicate.test").debug("below the file's level");

            Path file = logDir.resolve("triplicate.log");
            String log = Files.readString(file);
            assertTrue(log.contains("INFO  [main] app.triplicate.test - first line of the run"), log);
            assertFalse(log.contains("below the file's level"), log);
        } finally {
            context.stop();
        }
    }

    @Test
    void aFolderGivenUpFrontIsUsedAsGiven() throws Exception {
        LoggerContext context = context();
        try {
            Path logDir = tmp.resolve("given");
            LogConfiguration.apply(context, logDir);
            context.putProperty(LogConfiguration.LOG_DIR, tmp.resolve("other").toString());
            context.getLogger("org.apache.sshd.test").warn("the SSH library's warning");
            context.getLogger("org.apache.sshd.test").info("the SSH library's chatter");
            String log = Files.readString(logDir.resolve("triplicate.log"));
            assertTrue(log.contains("the SSH library's warning"), log);
            assertFalse(log.contains("chatter"), log);
            assertFalse(Files.exists(tmp.resolve("other")));
        } finally {
            context.stop();
        }
    }
}
