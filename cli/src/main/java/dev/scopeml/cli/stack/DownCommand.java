package dev.scopeml.cli.stack;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scopeml down}: stops every process of the local stack. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the local stack: nginx, the scorers, the trainer and the embedded PostgreSQL.",
      "Models, secrets and logs stay in SCOPEML_HOME for the next up."
    })
public final class DownCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    new LocalStack(StackPaths.current(), spec.commandLine().getOut(), Map.of()).down();
    return 0;
  }
}
