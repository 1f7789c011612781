package dev.scopeml.testsupport.metrics;

import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Values read from a Prometheus text exposition, such as a scorer's {@code /actuator/prometheus}.
 */
public final class PrometheusText {

  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /** Scrapes {@code /actuator/prometheus} of the process on {@code port}. */
  public static PrometheusText scrape(int port) {
    try (var connection = new KeepAliveConnection(port, 30_000)) {
      HttpAnswer answer = connection.send(HttpRequests.get(port, "/actuator/prometheus"));
      if (answer.status() != 200) {
        throw new IOException("/actuator/prometheus answered " + answer.status());
      }
      return new PrometheusText(answer.text());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scrape port " + port, e);
    }
  }

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code labels} (e.g. {@code
   * outcome="loaded"}, or empty for all); 0 if there is none.
   */
  public double sum(String metric, String labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      String rest = line.substring(metric.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue; // another metric whose name starts with this one
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      if (series.contains(labels)) {
        sum += Double.parseDouble(line.substring(space + 1));
      }
    }
    return sum;
  }

  /** How many series the exposition holds whose metric name starts with {@code prefix}. */
  public long series(String prefix) {
    return text.lines().filter(line -> !line.startsWith("#") && line.startsWith(prefix)).count();
  }
}
