package dev.scopeml.scorer.kafka;

/**
 * What a stream request gets: a result for the results topic, or a refusal for the dead letters.
 */
sealed interface Answer {

  /**
   * @param value the result message (see {@link StreamResults})
   * @param versions the versions that answered, ascending and comma-separated, as HTTP's {@code
   *     X-Model-Version}
   */
  record Result(byte[] value, String versions) implements Answer {}

  /**
   * @param refusal why the request cannot be answered
   */
  record Refused(StreamRefusal refusal) implements Answer {}
}
