package dev.scopeml.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scopeml promote}: makes a version its scope's active version. */
@Command(name = "promote", description = "Make a version the active version of its scope.")
final class PromoteCommand implements Callable<Integer> {

  @Mixin TrainerOptions trainer;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @Option(names = "--model", required = true)
  String model;

  @Option(
      names = "--scope",
      required = true,
      description = "Canonical scope, e.g. 'contract=One year' or '*'.")
  String scope;

  @Option(names = "--version", required = true)
  int version;

  @Option(names = "--reason", description = "Why, for the audit log.")
  String reason;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var body = new LinkedHashMap<String, Object>();
    body.put("scope", scope);
    body.put("version", version);
    if (reason != null) {
      body.put("reason", reason);
    }
    var event = trainer.client().post("/v1/models/" + model + "/promote", body);
    spec.commandLine().getOut().println(PromotionText.of(event));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
