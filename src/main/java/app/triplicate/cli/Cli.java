package app.triplicate.cli;

import app.triplicate.core.CannotRunException;
import app.triplicate.core.UsageException;
import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The command line's entry point. Exit codes follow SPEC.md section 4: 0 ok, 1 the work found problems,
 * 2 usage error, 3 cannot run.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int PROBLEMS = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_RUN = 3;

    /** What the command line talks to; tests pass their own writers and a fault-injecting file layer. */
    public record Environment(PrintWriter out, PrintWriter err, Map<String, String> env, FileAccess files,
                              boolean terminal, java.io.BufferedReader in) {
        /** With nothing on standard input. */
        public Environment(PrintWriter out, PrintWriter err, Map<String, String> env, FileAccess files,
                           boolean terminal) {
            this(out, err, env, files, terminal, new java.io.BufferedReader(new java.io.StringReader("")));
        }

        public static Environment system() {
            return new Environment(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    System.getenv(), new LocalFileAccess(), isTerminal(), new java.io.BufferedReader(
                            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)));
        }

        private static boolean isTerminal() {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            try { // Console.isTerminal() exists from JDK 22; on 21 a non-null console is a terminal
                return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }

    private Cli() {
    }

    /**
     * The home to open the window on when the arguments name no command: none at all, or only {@code --home DIR}.
     * A subcommand, {@code --help}, {@code --version} or a mistake belongs to the command line (empty), which
     * then runs or explains it.
     */
    public static java.util.Optional<app.triplicate.settings.Home> windowHome(Map<String, String> env, String... args) {
        if (namesACommand(args)) {
            // decided without building picocli's model of every command, which the command line builds anyway:
            // that model is about a tenth of the start-up of a short command such as status
            return java.util.Optional.empty();
        }
        // the window's own launch (nothing, or only a home) needs no model either: the home is the one the command
        // line would resolve. A home that reads as an option, an argument file or a command ("--home status" is
        // status with its home missing, to picocli) is left to picocli.
        String onlyHome = args.length == 1 && args[0].startsWith("--home=") ? args[0].substring("--home=".length())
                : args.length == 2 && args[0].equals("--home") ? args[1] : null;
        try {
            if (args.length == 0) {
                return java.util.Optional.of(RootCommand.home(null, env));
            }
            if (onlyHome != null && plainWord(onlyHome) && !subcommandNames().contains(onlyHome)) {
                return java.util.Optional.of(RootCommand.home(java.nio.file.Path.of(onlyHome), env));
            }
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: picocli explains it
        }
        return parsedWindowHome(env, args);
    }

    /** {@link #windowHome} as picocli's parse of the arguments decides it. */
    static java.util.Optional<app.triplicate.settings.Home> parsedWindowHome(Map<String, String> env, String... args) {
        PrintWriter silent = new PrintWriter(java.io.Writer.nullWriter());
        RootCommand root = new RootCommand(new Environment(silent, silent, env, new LocalFileAccess(), false));
        try {
            CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(args);
            if (parsed.hasSubcommand() || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                return java.util.Optional.empty();
            }
        } catch (CommandLine.ParameterException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(root.home());
    }

    /**
     * True when the arguments start with a word that is not an option, alone or after {@code --home DIR}: the root
     * command has no positional parameters, so picocli takes that word as a subcommand or rejects it, and either
     * way the command line runs. An argument file ({@code @file}) could hold anything: left to picocli.
     */
    static boolean namesACommand(String... args) {
        int first = 0;
        if (args.length > 0 && args[0].startsWith("--home=")) {
            first = 1;
        } else if (args.length > 1 && args[0].equals("--home") && plainWord(args[1])) {
            first = 2;
        }
        return args.length > first && plainWord(args[first]);
    }

    /** The root command's subcommands, names and aliases, read from the annotations alone. */
    private static java.util.Set<String> subcommandNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Class<?> sub : RootCommand.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            CommandLine.Command command = sub.getAnnotation(CommandLine.Command.class);
            names.add(command.name());
            names.addAll(java.util.List.of(command.aliases()));
        }
        return names;
    }

    private static boolean plainWord(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }

    public static int run(Environment environment, String... args) {
        RootCommand root = new RootCommand(environment);
        CommandLine cl = new CommandLine(root);
        cl.setOut(environment.out());
        cl.setErr(environment.err());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            int code;
            if (e instanceof UsageException) {
                code = USAGE;
                environment.err().println("error: " + e.getMessage());
            } else if (e instanceof CannotRunException) {
                code = CANNOT_RUN;
                environment.err().println("error: " + e.getMessage());
            } else {
                code = CANNOT_RUN;
                LoggerFactory.getLogger(Cli.class).error("internal error", e);
                environment.err().println("internal error: " + e + " (details in the log folder: "
                        + root.home().logDir() + ")");
            }
            environment.err().flush();
            return code;
        });
        try {
            return cl.execute(args);
        } finally {
            root.closeServices();
            environment.out().flush();
            environment.err().flush();
        }
    }
}
