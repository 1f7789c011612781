package dev.scopeml.cli.demo;

import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import java.io.PrintWriter;

/** The demo's closing words: commands to try on the running stack. */
final class DemoHints {

  private DemoHints() {}

  /** What to try on the stack the demo leaves running. */
  static void print(PrintWriter out, StackState state, String front, StackPaths paths) {
    String token = StackPaths.show(paths.adminTokenFile());
    say(out, "");
    say(out, "== next  The stack is still up: explore it, then stop it with ./scopeml down");
    say(out, "  # predict (native API), through nginx");
    say(
        out,
        "  curl -s " + front + "/v1/models/churn/predict -H 'Content-Type: application/json' \\");
    say(
        out,
        "    -d '{\"instances\": [{\"contract\": \"One year\", \"tenure\": 12,"
            + " \"monthly_charges\": 50.5, \"internet_service\": \"DSL\"}]}'");
    say(out, "  # the same with the Open Inference Protocol v2");
    say(
        out,
        "  curl -s " + front + "/v2/models/churn/infer -H 'Content-Type: application/json' \\");
    say(
        out,
        "    -d '{\"parameters\": {\"scope\": \"contract=One year\"}, \"inputs\": ["
            + "{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [12]},"
            + " {\"name\": \"internet_service\", \"datatype\": \"BYTES\", \"shape\": [1],"
            + " \"data\": [\"DSL\"]}]}'");
    say(out, "  # the admin API needs the token");
    say(
        out,
        "  curl -s -H \"Authorization: Bearer $(cat "
            + token
            + ")\" "
            + state.trainerUrl()
            + "/v1/models/churn");
    say(out, "  ./scopeml models churn        ./scopeml runs");
    say(out, "  ./scopeml rollback --model churn --scope 'contract=One year'");
    say(out, "  # each scorer's operator address (metrics, model metadata): ./scopeml status");
    say(out, "  ./scopeml status              ./scopeml scale --replicas 3");
    say(out, "  ./scopeml rollout --to release-9   (a label) or --to path/to/scorer.jar");
    say(out, "  ./scopeml down");
  }

  private static void say(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
