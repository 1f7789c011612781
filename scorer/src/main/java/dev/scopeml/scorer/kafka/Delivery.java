package dev.scopeml.scorer.kafka;

/** The delivery guarantee of the Kafka trigger, {@code scopeml.scorer.kafka.delivery}. */
public enum Delivery {

  /**
   * Each poll's results, dead letters and consumed offsets commit in one Kafka transaction: a
   * {@code read_committed} reader sees exactly one answer per request, whatever crashes.
   */
  EXACTLY_ONCE,

  /**
   * Results are acknowledged by the broker before the offsets are committed: no request goes
   * unanswered, but a scorer that dies between the two has its last poll answered again by another.
   * Cheaper than a transaction per poll.
   */
  AT_LEAST_ONCE
}
