package dev.scopeml.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code scopeml cancel <id>}: cancels a run's pending tasks. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a run.")
final class CancelCommand implements Callable<Integer> {

  @Mixin TrainerOptions trainer;

  @Parameters(description = "The run id.")
  String run;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var view = trainer.client().post("/v1/runs/" + run + "/cancel", java.util.Map.of());
    spec.commandLine().getOut().println(RunReport.progress(view));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
