package dev.scopeml.cli.demo;

import dev.scopeml.cli.stream.CsvStream;
import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's stream step: every customer of the telco file as a prediction request through Kafka,
 * answered by the scorers in their consumer group, exactly once, as {@code scopeml stream} does it.
 */
final class DemoStream {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private DemoStream() {}

  static StreamReport run(
      String bootstrapServers, Path csv, String model, PrintWriter out, boolean terminal) {
    out.println(
        "  $ scopeml stream --model "
            + model
            + " --csv "
            + csv.getFileName()
            + "   (each row a request in "
            + StreamTopics.REQUESTS
            + ", answered in "
            + StreamTopics.RESULTS
            + ")");
    var stream =
        new CsvStream(
            ClientProperties.of(bootstrapServers), StreamTopics.defaults(), out, terminal);
    StreamReport report = stream.stream(csv, model, 1, 1, 0, TIMEOUT);
    stream.print(report);
    return report;
  }
}
