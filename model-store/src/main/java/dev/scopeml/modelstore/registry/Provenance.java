package dev.scopeml.modelstore.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a model version came from.
 *
 * @param runId the training run, or null for a version stored outside a run
 * @param dataSource the data source as the run named it (file or JDBC source and table)
 * @param trainingRows rows the model was fitted on
 * @param holdoutRows rows it was evaluated on
 * @param trainedAt when fitting finished
 * @param library the learning library and its version
 * @param javaVersion the JVM that trained it
 */
public record Provenance(
    UUID runId,
    String dataSource,
    long trainingRows,
    long holdoutRows,
    Instant trainedAt,
    String library,
    String javaVersion)
    implements java.io.Serializable {}
