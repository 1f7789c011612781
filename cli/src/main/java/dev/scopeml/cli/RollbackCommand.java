package dev.scopeml.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scopeml rollback}: re-activates the version that was active before the current one. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = "Roll a scope back to the version active before the current one.")
final class RollbackCommand implements Callable<Integer> {

  @Mixin TrainerOptions trainer;

  @Option(names = "--model", required = true)
  String model;

  @Option(
      names = "--scope",
      required = true,
      description = "Canonical scope, e.g. 'contract=One year' or '*'.")
  String scope;

  @Option(names = "--reason", description = "Why, for the audit log.")
  String reason;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var body = new LinkedHashMap<String, Object>();
    body.put("scope", scope);
    if (reason != null) {
      body.put("reason", reason);
    }
    var event = trainer.client().post("/v1/models/" + model + "/rollback", body);
    spec.commandLine().getOut().println(PromotionText.of(event));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
