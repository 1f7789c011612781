package dev.scopeml.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code scopeml runs [id]}: the newest runs, or one run's per-scope table. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs or show one.")
final class RunsCommand implements Callable<Integer> {

  @Mixin TrainerOptions trainer;

  @Parameters(arity = "0..1", description = "A run id to show in full.")
  String run;

  @Option(names = "--limit", defaultValue = "20", description = "Runs to list (${DEFAULT-VALUE}).")
  int limit;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainerClient client = trainer.client();
    if (run != null) {
      JsonNode view = client.get("/v1/runs/" + run);
      out.println(RunReport.progress(view));
      out.print(RunReport.scopes(view));
      out.flush();
      return 0;
    }
    var table =
        new TextTable("run", "model", "status", "total", "done", "failed", "skipped", "created");
    for (JsonNode view : client.get("/v1/runs?limit=" + limit)) {
      table.row(
          view.get("run").asString(),
          view.get("model").asString(),
          view.get("status").asString(),
          view.get("total").asString(),
          view.get("done").asString(),
          view.get("failed").asString(),
          view.get("skipped").asString(),
          view.get("createdAt").asString());
    }
    out.print(table.render());
    out.flush();
    return 0;
  }
}
