package dev.scopeml.cli.demo;

import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.nginx.RolloutResult;
import java.util.List;
import java.util.Map;

/**
 * What the demo did and saw, for its closing summary and for tests.
 *
 * @param trained scope to version stored and promoted by the first run
 * @param firstAnswers predictions through nginx after the first run, one per demo customer
 * @param stream what the telco file streamed through Kafka came back as
 * @param promoted scope to version of the second run, promoted explicitly
 * @param promotedAnswers the same customers' predictions once the promoted versions serve
 * @param fromRelease the scorer release before the rollout
 * @param toRelease the scorer release rolled out
 * @param rollout how the rollout ended
 * @param load the requests sent during the rollout (null without nginx: no load was sent)
 */
record DemoReport(
    Map<String, Integer> trained,
    List<ScoringClient.Prediction> firstAnswers,
    StreamReport stream,
    Map<String, Integer> promoted,
    List<ScoringClient.Prediction> promotedAnswers,
    String fromRelease,
    String toRelease,
    RolloutResult rollout,
    DemoLoad.Counts load) {}
