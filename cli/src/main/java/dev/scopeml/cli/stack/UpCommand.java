package dev.scopeml.cli.stack;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scopeml up}: the local stack, started or found running. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the local stack: PostgreSQL (embedded unless SCOPEML_DB_URL is set), one trainer,"
          + " two scorers and nginx in front, all on 127.0.0.1.",
      "State, secrets and logs go to SCOPEML_HOME (default .scopeml in the repository)."
    })
public final class UpCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var stack = new LocalStack(StackPaths.current(), spec.commandLine().getOut(), Map.of());
    StackState state = stack.up();
    stack.printSummary(state);
    return 0;
  }
}
