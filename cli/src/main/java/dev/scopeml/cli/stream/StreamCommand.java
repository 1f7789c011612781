package dev.scopeml.cli.stream;

import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.kafka.stream.ClientProperties;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamTopics;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scopeml stream}: publishes each row of a CSV file as a prediction request to the scorers'
 * Kafka trigger and reads the results until every request is answered. Exits 0 when every request
 * got exactly one answer (a result or a dead letter), 1 otherwise, 2 when there is no Kafka to
 * stream through.
 */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = {
      "Stream the rows of a CSV file through Kafka: each row (or --rows rows) becomes a prediction"
          + " request the scorers answer in their consumer group; the results are read back"
          + " (read_committed) until every request is answered.",
      "Prints sent, results, missing, duplicated and dead letters, rows/s and the latency from"
          + " produce to committed result.",
      "Kafka: --bootstrap-servers, else SCOPEML_KAFKA_BOOTSTRAP, else the local stack's broker."
    })
public final class StreamCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = "The model that answers.")
  String model;

  @Option(
      names = "--csv",
      required = true,
      description = "The CSV file: a path, or the name of a file in datasets/.")
  String csv;

  @Option(names = "--repeat", defaultValue = "1", description = "Send the file N times.")
  int repeat;

  @Option(names = "--rows", defaultValue = "1", description = "Rows per request.")
  int rows;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Requests per second; 0 sends as fast as Kafka takes them.")
  double rate;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "How long to wait for every answer (ISO-8601, e.g. PT2M).")
  Duration timeout;

  @Option(names = "--bootstrap-servers", description = "The Kafka cluster, host:port[,…].")
  String bootstrapServers;

  @Option(
      names = "--client-file",
      description =
          "Kafka client properties (security, credentials), in Kafka's format; default"
              + " SCOPEML_KAFKA_CLIENT_FILE.")
  Path clientFile;

  @Option(names = "--requests-topic", defaultValue = StreamTopics.REQUESTS)
  String requestsTopic;

  @Option(names = "--results-topic", defaultValue = StreamTopics.RESULTS)
  String resultsTopic;

  @Option(names = "--dead-letter-topic", defaultValue = StreamTopics.DEAD_LETTERS)
  String deadLetterTopic;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (repeat < 1 || rows < 1 || rate < 0) {
      err.println("scopeml stream: --repeat and --rows must be at least 1, --rate not negative");
      return 2;
    }
    StackPaths paths = StackPaths.current();
    Optional<String> bootstrap = bootstrap(paths, out);
    if (bootstrap.isEmpty()) {
      err.println(
          "scopeml stream: no Kafka to stream through: start the local stack (./scopeml up), set"
              + " SCOPEML_KAFKA_BOOTSTRAP or give --bootstrap-servers");
      return 2;
    }
    Path file = dataFile(paths);
    var topics = new StreamTopics(requestsTopic, resultsTopic, deadLetterTopic);
    out.printf(
        Locale.ROOT,
        "Streaming %s through Kafka at %s: %s -> scorers -> %s (dead letters: %s)%n",
        StackPaths.show(file),
        bootstrap.get(),
        topics.requests(),
        topics.results(),
        topics.deadLetters());
    var stream =
        new CsvStream(
            ClientProperties.of(bootstrap.get(), clientFile()),
            topics,
            out,
            System.console() != null && System.console().isTerminal());
    StreamReport report;
    try {
      report = stream.stream(file, model, rows, repeat, rate, timeout);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("scopeml stream: " + e.getMessage());
      return 2;
    } catch (KafkaException e) {
      err.println("scopeml stream: Kafka at " + bootstrap.get() + ": " + e.getMessage());
      return 2;
    }
    stream.print(report);
    return report.exactlyOnce() ? 0 : 1;
  }

  private Optional<String> bootstrap(StackPaths paths, PrintWriter out) {
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      return Optional.of(bootstrapServers);
    }
    String variable = System.getenv("SCOPEML_KAFKA_BOOTSTRAP");
    if (variable != null && !variable.isBlank()) {
      return Optional.of(variable.strip());
    }
    return new LocalStack(paths, out, Map.of()).running().map(StackState::kafkaBootstrap);
  }

  private Path clientFile() {
    if (clientFile != null) {
      return clientFile;
    }
    String variable = System.getenv("SCOPEML_KAFKA_CLIENT_FILE");
    return variable == null || variable.isBlank() ? null : Path.of(variable);
  }

  /** The file as given, else the bundled data set of that name. */
  private Path dataFile(StackPaths paths) {
    Path given = Path.of(csv);
    if (Files.isRegularFile(given)) {
      return given;
    }
    Path bundled = paths.datasets().resolve(csv);
    if (Files.isRegularFile(bundled)) {
      return bundled;
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "--csv " + csv + ": no such file, here or in datasets/");
  }
}
