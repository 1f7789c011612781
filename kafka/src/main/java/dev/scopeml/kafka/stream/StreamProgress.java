package dev.scopeml.kafka.stream;

import java.time.Duration;

/**
 * Where a run of the stream client stands, for a progress bar.
 *
 * @param requests requests the run is to send
 * @param sent requests sent so far
 * @param answered requests answered so far (results and dead letters)
 * @param deadLetters requests answered by a dead letter
 * @param elapsed since the first send
 */
public record StreamProgress(
    int requests, long sent, long answered, long deadLetters, Duration elapsed) {}
