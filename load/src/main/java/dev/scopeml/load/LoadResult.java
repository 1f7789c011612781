package dev.scopeml.load;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a load run measured, at its end or so far.
 *
 * @param samples every request that was sent, in order of when it was due
 * @param unsent requests that were due but never sent because the run's time ran out
 * @param resent requests sent again after their keep-alive connection closed under them
 * @param elapsedSeconds from the first request due to the last response
 */
public record LoadResult(List<Sample> samples, long unsent, long resent, double elapsedSeconds) {

  public LoadResult {
    samples = List.copyOf(samples);
  }

  /** Successful responses per second. */
  public double throughput() {
    return samples.stream().filter(s -> !s.failed()).count() / elapsedSeconds;
  }

  /** Requests sent that got no 200 (an error status or no response at all). */
  public long failures() {
    return failed().size();
  }

  /** The requests that got no 200. */
  public List<Sample> failed() {
    return samples.stream().filter(Sample::failed).toList();
  }

  /** The latency at percentile {@code p}, in milliseconds, over every request. */
  public double percentileMillis(double p) {
    return Stats.percentile(samples.stream().map(Sample::latencyMillis).toList(), p);
  }

  /** The latency at percentile {@code p} of the requests due in [{@code from}, {@code to}). */
  public double percentileMillis(double p, long from, long to) {
    return Stats.percentile(window(from, to).stream().map(Sample::latencyMillis).toList(), p);
  }

  /** The requests due in [{@code from}, {@code to}). */
  public List<Sample> window(long from, long to) {
    return samples.stream()
        .filter(s -> s.scheduledNanos() >= from && s.scheduledNanos() < to)
        .toList();
  }

  /** The requests due at or after {@code from}. */
  public List<Sample> since(long from) {
    return window(from, Long.MAX_VALUE);
  }

  /** The first response, in order of arrival, whose {@code header} is {@code value}. */
  public Optional<Sample> firstAnsweredWith(String header, String value) {
    return samples.stream()
        .filter(s -> value.equals(s.header(header)))
        .min(Comparator.comparingLong(Sample::answeredAtMillis));
  }
}
