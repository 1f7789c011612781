package dev.scopeml.spark.scoring;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the application reads of a scoring job's spec, as the trainer planned and stored it.
 *
 * @param model the model family
 * @param input the job's CSV or Parquet input
 * @param missingValues CSV values read as missing besides an empty one
 * @param output the folder the job writes
 * @param layout the output's carried columns and label classes
 * @param scopeBy the model's scope columns
 * @param versions the pinned version of every scope, by canonical scope
 */
public record ScoringSpec(
    String model,
    Input input,
    Set<String> missingValues,
    Output output,
    Layout layout,
    List<String> scopeBy,
    Map<String, Integer> versions)
    implements Serializable {

  /**
   * @param csv a CSV file relative to the data directory, or null
   * @param parquet a Parquet file or folder relative to the data directory, or null
   */
  public record Input(String csv, String parquet) implements Serializable {}

  /**
   * @param folder the job's folder relative to the data directory
   * @param compression the Parquet codec: snappy, zstd or none
   */
  public record Output(String folder, String compression) implements Serializable {}

  /**
   * @param carry input columns copied to the output and the rejects
   * @param classes the label classes in output order
   */
  public record Layout(List<String> carry, List<String> classes) implements Serializable {}
}
