package dev.scopeml.cli.demo;

import dev.scopeml.cli.stack.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo customers' predictions: asked through nginx, awaited, and shown as a table. */
final class DemoPredictions {

  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);

  private final ScoringClient client;
  private final List<DemoCustomers.Customer> customers;
  private final PrintWriter out;

  DemoPredictions(ScoringClient client, List<DemoCustomers.Customer> customers, PrintWriter out) {
    this.client = client;
    this.customers = customers;
    this.out = out;
  }

  /** The customers' rows, as the predict API takes them. */
  List<Map<String, Object>> rows() {
    return customers.stream().map(DemoCustomers.Customer::features).toList();
  }

  /** One request for every customer. */
  ScoringClient.Answer now() throws IOException, InterruptedException {
    return client.predict(rows());
  }

  /** Predicts until every customer is answered by the expected version, several times running. */
  ScoringClient.Answer awaitServed(Map<String, Integer> expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
    int agreeing = 0;
    ScoringClient.Answer answer;
    while (true) {
      answer = now();
      // nginx alternates between the scorers: several answers in a row cover each of them.
      agreeing = served(answer, customers, expected) ? agreeing + 1 : 0;
      if (agreeing == 4) {
        return answer;
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "the scorers did not serve "
                + expected
                + " within "
                + SWAP_TIMEOUT.toSeconds()
                + " s; last answer: "
                + answer.status()
                + " "
                + answer.body());
      }
      Thread.sleep(100);
    }
  }

  private static boolean served(
      ScoringClient.Answer answer,
      List<DemoCustomers.Customer> customers,
      Map<String, Integer> expected) {
    if (answer.status() != 200 || answer.predictions().size() != customers.size()) {
      return false;
    }
    for (int i = 0; i < customers.size(); i++) {
      ScoringClient.Prediction prediction = answer.predictions().get(i);
      Integer version = expected.get(customers.get(i).expectedScope());
      if (version == null
          || prediction.version() != version
          || !prediction.scope().equals(customers.get(i).expectedScope())) {
        return false;
      }
    }
    return true;
  }

  /** One line per customer: contract, features, the scope and version that answered, the answer. */
  void print(List<ScoringClient.Prediction> predictions) {
    String format = "  %-15s %6s %8s   %-28s %7s  %-6s %8s%n";
    out.printf(
        format, "contract", "tenure", "monthly", "answered by", "version", "churn", "P(churn)");
    for (int i = 0; i < customers.size(); i++) {
      Map<String, Object> features = customers.get(i).features();
      ScoringClient.Prediction prediction = predictions.get(i);
      out.printf(
          Locale.ROOT,
          format,
          customers.get(i).contract(),
          features.get("tenure"),
          features.get("monthly_charges"),
          prediction.scope() + (prediction.fallback() ? " (fallback)" : ""),
          "v" + prediction.version(),
          prediction.label(),
          String.format(Locale.ROOT, "%.3f", prediction.probabilities().getOrDefault("Yes", 0.0)));
    }
    out.flush();
  }

  /** {@code scope vN, …}: which versions answered. */
  static String versions(List<ScoringClient.Prediction> predictions) {
    return predictions.stream()
        .map(p -> p.scope() + " v" + p.version())
        .distinct()
        .reduce((a, b) -> a + ", " + b)
        .orElse("nothing");
  }
}
