package dev.scopeml.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code scopeml models [model]}: the registered models, or one model's scopes. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List models or show a model's scopes and active versions.")
final class ModelsCommand implements Callable<Integer> {

  @Mixin TrainerOptions trainer;

  @Parameters(arity = "0..1", description = "A model to show in full.")
  String model;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainerClient client = trainer.client();
    if (model == null) {
      var table = new TextTable("model", "label", "scopeBy", "activeScopes", "updated");
      for (JsonNode family : client.get("/v1/models")) {
        table.row(
            family.get("model").asString(),
            family.get("label").asString(),
            String.join(",", family.get("scopeBy").valueStream().map(JsonNode::asString).toList()),
            family.get("activeScopes").asString(),
            family.get("updatedAt").asString());
      }
      out.print(table.render());
    } else {
      JsonNode detail = client.get("/v1/models/" + model);
      var table = new TextTable("scope", "active", "latest", "versions");
      for (JsonNode scope : detail.get("scopes")) {
        table.row(
            scope.get("scope").asString(),
            scope.has("activeVersion") ? scope.get("activeVersion").asString() : "",
            scope.has("latestVersion") ? scope.get("latestVersion").asString() : "",
            scope.get("versions").asString());
      }
      out.print(table.render());
    }
    out.flush();
    return 0;
  }
}
