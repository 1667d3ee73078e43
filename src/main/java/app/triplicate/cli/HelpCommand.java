package app.triplicate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code help [COMMAND [SUBCOMMAND]]}: the same text as {@code COMMAND SUBCOMMAND --help}. Picocli's own help
 * command takes a single name, so {@code help drive add} would be refused.
 */
@Command(name = "help", description = "Show help on a command, such as: help drive add.")
final class HelpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, then its subcommand if any.")
    List<String> path = new ArrayList<>();

    @Override
    public Integer call() {
        CommandLine target = spec.commandLine().getParent();
        List<String> walked = new ArrayList<>();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            walked.add(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "There is no command \""
                        + String.join(" ", walked) + "\"; " + (target.getParent() == null ? "the commands are: "
                        : "\"" + target.getCommandName() + "\" has: ")
                        + String.join(", ", target.getSubcommands().keySet()) + ".");
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut(), target.getColorScheme());
        return Cli.OK;
    }
}
