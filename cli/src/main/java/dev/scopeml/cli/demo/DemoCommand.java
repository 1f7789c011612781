package dev.scopeml.cli.demo;

import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.StackPaths;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeml demo}: the main job in one command, on the local stack. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Bring the local stack up, train telco churn by contract, predict through nginx, stream the"
          + " telco file through Kafka, retrain and promote, and roll the scorers to a new release"
          + " under load with a live count of failed requests.",
      "The stack stays up for you to explore, unless --down is given."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--down", description = "Stop the stack at the end.")
  boolean down;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private DemoReport report;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CommandLine root = spec.root().commandLine();
    var stack = new LocalStack(StackPaths.current(), out, Map.of());
    boolean terminal = System.console() != null && System.console().isTerminal();
    var demo =
        new Demo(
            stack,
            out,
            args ->
                root.getSubcommands()
                    .get(args.getFirst())
                    .execute(args.subList(1, args.size()).toArray(String[]::new)),
            terminal);
    report = demo.run(down);
    boolean clean =
        report.stream().exactlyOnce()
            && report.rollout().succeeded()
            && (report.load() == null || report.load().failed() == 0);
    return clean ? 0 : 1;
  }

  /** What the last run did, for tests. */
  DemoReport report() {
    return report;
  }
}
