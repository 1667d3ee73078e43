package app.triplicate.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

import java.nio.file.Path;

/**
 * Triplicate's logging, set up in code (found by logback through META-INF/services) instead of a logback.xml:
 * reading the XML loaded about 450 more classes (logback's Joran and an XML parser) and was about a tenth of the start-up
 * of a short command such as {@code status}. What it sets up:
 * <ul>
 *     <li>a rotating file {@code triplicate.log} in the log folder ({@link #LOG_DIR}, set by {@link Logging#init}
 *     from the home folder; else {@code triplicate-logs} in the temporary folder), rolled daily and at 10 MB, 30
 *     days and 200 MB kept, compressed;</li>
 *     <li>standard error at WARN and above ({@code triplicate.consoleLevel} to change it), as "LEVEL: message";</li>
 *     <li>INFO and above to the file; Flyway and H2 at WARN; the SSH library at WARN and to the file only (the
 *     remote's own message tells the user what happened).</li>
 * </ul>
 * A configuration file named with {@code -Dlogback.configurationFile}, or the tests' logback-test.xml on the class
 * path, takes precedence: this steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /** The system property (or context property) naming the log folder. */
    public static final String LOG_DIR = "triplicate.logDir";
    static final String CONSOLE_LEVEL = "triplicate.consoleLevel";
    static final String FILE_APPENDER = "FILE";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, null);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The log folder: the context's property, else the system property, else the temporary folder's. */
    static Path logDir(LoggerContext context) {
        String dir = context.getProperty(LOG_DIR);
        if (dir == null) {
            dir = System.getProperty(LOG_DIR);
        }
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "triplicate-logs");
    }

    /**
     * Sets up {@code context} (reset first by the caller if it was set up before) with its file in {@code logDir},
     * or, when that is null, in the folder {@link #logDir} names when the first line is logged.
     */
    public static void apply(LoggerContext context, Path logDir) {
        LazyFile file = new LazyFile(logDir);
        file.setContext(context);
        file.setName(FILE_APPENDER);
        file.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(consoleLevel());
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(context, "%level: %msg%n"));
        console.start();

        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("h2database").setLevel(Level.WARN);
        Logger ssh = context.getLogger("org.apache.sshd");
        ssh.setLevel(Level.WARN);
        ssh.setAdditive(false);
        ssh.addAppender(file);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        root.addAppender(console);
    }

    /**
     * The rotating file, opened at the first line logged. Logging is configured at the first logger, and some are
     * created before {@link Logging#init} has named the home's log folder (LocalFileAccess's, by the command line's
     * and the window's first steps): a file opened then went to the temporary folder for the whole run, not to the
     * folder the error messages point at. A command that logs nothing (status) opens no file at all.
     */
    static final class LazyFile extends AppenderBase<ILoggingEvent> {
        private final Path fixedDir;
        private RollingFileAppender<ILoggingEvent> file;

        LazyFile(Path fixedDir) {
            this.fixedDir = fixedDir;
        }

        @Override
        protected void append(ILoggingEvent event) { // AppenderBase holds its lock: one thread opens the file
            if (file == null) {
                LoggerContext context = (LoggerContext) getContext();
                file = rollingFile(context, fixedDir != null ? fixedDir : logDir(context));
            }
            file.doAppend(event);
        }

        @Override
        public synchronized void stop() {
            if (file != null) {
                file.stop();
            }
            super.stop();
        }
    }

    private static RollingFileAppender<ILoggingEvent> rollingFile(LoggerContext context, Path logDir) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(FILE_APPENDER);
        file.setFile(logDir.resolve("triplicate.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(logDir.resolve("triplicate.%d{yyyy-MM-dd}.%i.log.gz").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(30);
        rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
        rolling.start();
        file.setRollingPolicy(rolling); // also its triggering policy
        file.setEncoder(encoder(context, "%d{ISO8601} %-5level [%thread] %logger{30} - %msg%n"));
        file.start();
        return file;
    }

    private static String consoleLevel() {
        String level = System.getProperty(CONSOLE_LEVEL);
        if (level == null) {
            level = System.getenv(CONSOLE_LEVEL);
        }
        return level == null ? "WARN" : level;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
