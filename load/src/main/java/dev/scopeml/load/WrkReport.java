package dev.scopeml.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code wrk --latency} printed: requests per second, latency percentiles, and the requests
 * that failed (non-2xx answers and socket errors).
 *
 * @param requestsPerSecond the {@code Requests/sec} line
 * @param p50Millis the 50% line of the latency distribution
 * @param p99Millis the 99% line
 * @param requests total requests completed
 * @param socketErrors connect, read, write and timeout errors: requests without a response
 * @param non2xx responses with a status other than 2xx or 3xx
 */
public record WrkReport(
    double requestsPerSecond,
    double p50Millis,
    double p99Millis,
    long requests,
    long socketErrors,
    long non2xx) {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /** Reads wrk's report; fails if it holds no rate or latency distribution. */
  public static WrkReport parse(String output) {
    long non2xx = 0;
    Matcher statuses = NON_2XX.matcher(output);
    if (statuses.find()) {
      non2xx = Long.parseLong(statuses.group(1));
    }
    long socketErrors = 0;
    Matcher socket = SOCKET.matcher(output);
    if (socket.find()) {
      for (int g = 1; g <= 4; g++) {
        socketErrors += Long.parseLong(socket.group(g));
      }
    }
    return new WrkReport(
        Double.parseDouble(required(RATE, output, "Requests/sec")),
        percentile(output, "50"),
        percentile(output, "99"),
        Long.parseLong(required(TOTAL, output, "requests in")),
        socketErrors,
        non2xx);
  }

  /** Requests that failed: non-2xx/3xx responses plus socket errors. */
  public long errors() {
    return socketErrors + non2xx;
  }

  private static double percentile(String output, String percent) {
    Matcher m =
        Pattern.compile(
                "^\\s+" + percent + "(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE)
            .matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "no " + percent + "% latency in wrk's output (run with --latency):\n" + output);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      default -> value * 1000;
    };
  }

  private static String required(Pattern pattern, String output, String what) {
    Matcher m = pattern.matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException("no '" + what + "' in wrk's output:\n" + output);
    }
    return m.group(1);
  }
}
