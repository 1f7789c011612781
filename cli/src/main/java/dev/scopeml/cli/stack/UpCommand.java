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

  @CommandLine.Option(
      names = "--spark",
      description =
          "Also start a Spark standalone Master and one Worker on 127.0.0.1 and let the trainer"
              + " submit runs with --engine spark to them.")
  boolean spark;

  @Override
  public Integer call() {
    Map<String, String> environment = spark ? Map.of("SCOPEML_STACK_SPARK", "true") : Map.of();
    var stack = new LocalStack(StackPaths.current(), spec.commandLine().getOut(), environment);
    StackState state = stack.up();
    stack.printSummary(state);
    return 0;
  }
}
