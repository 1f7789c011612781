package dev.scopeml.cli;

import dev.scopeml.cli.demo.DemoCommand;
import dev.scopeml.cli.stack.DownCommand;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.UpCommand;
import dev.scopeml.cli.stream.StreamCommand;
import dev.scopeml.cli.tier.RolloutCommand;
import dev.scopeml.cli.tier.ScaleCommand;
import dev.scopeml.cli.tier.StatusCommand;
import dev.scopeml.nginx.TierException;
import dev.scopeml.processes.StateFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scopeml} command. Subcommands are listed in {@link #SUBCOMMANDS}; a new one is a
 * picocli command class added to that list.
 */
@Command(
    name = "scopeml",
    mixinStandardHelpOptions = true,
    versionProvider = ScopemlCli.Version.class,
    description = "Train scoped models, watch runs, and manage the model registry.")
public final class ScopemlCli implements Runnable {

  /** Every subcommand, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          TrainCommand.class,
          ScoreCommand.class,
          RunsCommand.class,
          CancelCommand.class,
          ModelsCommand.class,
          PromoteCommand.class,
          RollbackCommand.class,
          StreamCommand.class,
          UpCommand.class,
          DownCommand.class,
          DemoCommand.class,
          StatusCommand.class,
          ScaleCommand.class,
          RolloutCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered. */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new ScopemlCli());
    for (Class<?> subcommand : SUBCOMMANDS) {
      commandLine.addSubcommand(subcommand);
    }
    commandLine.setExecutionExceptionHandler(
        (e, line, parseResult) -> {
          if (e instanceof TrainerException
              || e instanceof StackException
              || e instanceof TierException
              || e instanceof StateFileException) {
            line.getErr().println("scopeml: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version printed by {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ScopemlCli.class.getPackage().getImplementationVersion();
      return new String[] {"scopeml " + (version == null ? "development build" : version)};
    }
  }
}
